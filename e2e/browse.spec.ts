// A reader finds and follows the blog: pages, archives, search, feeds and discovery tags.
import { expect, test, type Page } from '@playwright/test'
import { POST_1, POST_2 } from './content'

test('the home page is paginated with rel prev/next, and ?page=N lands on /page/N', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('article.post-card')).toHaveCount(10)
  await expect(page.locator('head link[rel="next"]')).toHaveAttribute('href', '/page/2')
  await page
    .getByRole('navigation', { name: 'Pagination' })
    .getByRole('link', { name: /Older posts/ })
    .click()
  await expect(page).toHaveURL(/\/page\/2$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest posts — page 2')
  // Client navigation keeps the previous page mounted but hidden; count what a reader sees.
  await expect(page.locator('article.post-card:visible')).toHaveCount(4)
  await page.reload()
  await expect(page.locator('head link[rel="prev"]')).toHaveAttribute('href', '/')
  await page.goto('/?page=2')
  await expect(page).toHaveURL(/\/page\/2$/)
})

test('a tag archive lists its posts and offers its feed', async ({ page }) => {
  await page.goto(`/posts/${POST_1.slug}`)
  await page.getByRole('link', { name: '#Customer service' }).click()
  await expect(page).toHaveURL(/\/tags\/customer-service$/)
  await expect(page).toHaveTitle(/Posts tagged “Customer service”/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts tagged “Customer service”')
  const titles = page.getByRole('main').getByRole('heading', { level: 2 })
  await expect(titles).toHaveText([POST_2.title, POST_1.title])
  await expect(
    page.locator('head link[rel="alternate"][type="application/rss+xml"][href$="/tags/customer-service/feed.xml"]'),
  ).toHaveCount(1)
})

test('date archives and the author page are titled and list the right posts', async ({ page }) => {
  await page.goto('/archive')
  await page.getByRole('region', { name: '2010' }).getByRole('link', { name: 'December' }).click()
  await expect(page).toHaveURL(/\/archive\/2010\/12$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive: December 2010')
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText([POST_2.title])
  await page.goto('/archive/2009')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive: 2009')
  await expect(page.locator('article.post-card')).toHaveCount(10)
  await page.goto('/authors/rob-la-gesse')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts by Rob La Gesse')
})

test('search finds posts by their words, highlights them, and survives any input', async ({ page }) => {
  await page.goto('/')
  const box = page.getByRole('search').getByRole('searchbox', { name: 'Search the blog' })
  await box.fill('daisies roses')
  await box.press('Enter')
  await expect(page).toHaveURL(/\/search\?q=daisies\+roses/)
  await expect(page.getByRole('status')).toHaveText('1 post matches your search.')
  await expect(page.locator('.search-results mark').first()).toHaveText(/daisies|roses/)
  await page.getByRole('main').getByRole('link', { name: POST_1.title }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(POST_1.title)

  // Prefix search while typing, and FTS syntax or markup taken as plain words.
  await page.goto('/search?q=custom')
  await expect(page.getByRole('status')).toHaveText('14 posts match your search.')
  await expect(page.getByRole('link', { name: 'Next →' })).toHaveAttribute('href', '/search?q=custom&page=2')
  await page.getByRole('link', { name: 'Next →' }).click()
  await expect(page.getByText('Page 2 of 2')).toBeVisible()
  for (const q of [
    '"unbalanced',
    'NEAR(a b',
    'title:x OR',
    '*',
    '<script>alert(1)</script>',
    "'; DROP TABLE Post;--",
  ]) {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}`)
    expect(response?.status(), q).toBe(200)
    await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()
  }
  await expect(page.locator('main script:not([type])')).toHaveCount(0)
  await page.goto('/search?q=ZEPHYR7!')
  await expect(page.getByRole('status')).toHaveText('1 post matches your search.')
})

async function parseFeed(page: Page, url: string) {
  const response = await page.request.get(url)
  expect(response.status(), url).toBe(200)
  const type = response.headers()['content-type']
  const xml = await response.text()
  // The browser's own XML parser: a feed reader would choke on the same errors.
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml')
    const error = doc.querySelector('parsererror')?.textContent ?? null
    const items = [...doc.querySelectorAll('item, entry')].map((el) => ({
      title: el.querySelector('title')?.textContent ?? '',
      link: el.querySelector('link')?.textContent || el.querySelector('link')?.getAttribute('href') || '',
      content:
        el.getElementsByTagName('content:encoded')[0]?.textContent ?? el.querySelector('content')?.textContent ?? '',
    }))
    return { error, root: doc.documentElement.nodeName, items }
  }, xml)
  return { type, ...parsed }
}

test('feeds are discovered from the page and parse, with full content and absolute links', async ({ page }) => {
  await page.goto('/')
  const rss = await page.locator('head link[rel="alternate"][type="application/rss+xml"]').first().getAttribute('href')
  const atom = await page
    .locator('head link[rel="alternate"][type="application/atom+xml"]')
    .first()
    .getAttribute('href')
  expect(rss).toMatch(/\/feed\.xml$/)
  const rssFeed = await parseFeed(page, rss!)
  expect(rssFeed.error).toBeNull()
  expect(rssFeed.type).toContain('application/rss+xml')
  expect(rssFeed.root).toBe('rss')
  expect(rssFeed.items[0]).toMatchObject({
    title: POST_2.title,
    link: expect.stringMatching(new RegExp(`^http://localhost:\\d+/posts/${POST_2.slug}$`)),
  })
  expect(rssFeed.items[0]!.content).toContain('what I hope I can teach through my experiences.')
  const atomFeed = await parseFeed(page, atom!)
  expect(atomFeed.error).toBeNull()
  expect(atomFeed.root).toBe('feed')
  expect(atomFeed.items).toHaveLength(14)

  await page.goto(`/posts/${POST_2.slug}`)
  const commentsFeed = await page
    .getByRole('link', { name: 'Follow the comments on this post (RSS)' })
    .getAttribute('href')
  const comments = await parseFeed(page, commentsFeed!)
  expect(comments.error).toBeNull()
  expect(comments.items.map((i) => i.title)).toEqual(['Trackback by Mentioned on Twitter by Ed Leafe, Rob La Gesse'])
  const tagFeed = await parseFeed(page, '/tags/field-notes/feed.xml')
  expect(tagFeed.items).toHaveLength(12)
  expect((await page.request.get('/tags/no-such-tag/feed.xml')).status()).toBe(404)
  // WordPress's feed address keeps working for old subscribers.
  const legacy = await page.request.get('/feed', { maxRedirects: 0 })
  expect(legacy.status()).toBe(308)
  expect(legacy.headers().location).toBe('/feed.xml')
})

test('every page carries title, description, canonical and social tags; posts have JSON-LD and an image', async ({
  page,
}) => {
  await page.goto(`/posts/${POST_2.slug}`)
  await expect(page).toHaveTitle(`${POST_2.title} · Rob La Gesse`)
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`/posts/${POST_2.slug}$`))
  await expect(page.locator('head meta[name="description"]')).toHaveAttribute('content', /This blog started as a diary/)
  await expect(page.locator('head meta[property="og:type"]')).toHaveAttribute('content', 'article')
  await expect(page.locator('head meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image')
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}')
  expect(ld).toMatchObject({
    '@type': 'BlogPosting',
    headline: POST_2.title,
    author: { name: 'Rob La Gesse' },
    datePublished: '2010-12-21T17:30:00.000Z',
  })
  const image = await page.locator('head meta[property="og:image"]').getAttribute('content')
  const png = await page.request.get(new URL(image!).pathname + new URL(image!).search)
  expect(png.status()).toBe(200)
  expect(png.headers()['content-type']).toBe('image/png')
  expect((await png.body()).subarray(1, 4).toString()).toBe('PNG')

  const sitemap = await page.request.get('/sitemap.xml')
  expect(await sitemap.text()).toContain(`/posts/${POST_1.slug}</loc>`)
  const robots = await (await page.request.get('/robots.txt')).text()
  expect(robots).toMatch(/Sitemap: http:\/\/localhost:\d+\/sitemap\.xml/)
})

test('search copes with words in any script', async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent('café daisies')}`)
  await expect(page.getByRole('status')).toHaveText('No posts match your search.')
  await expect(page.getByRole('main').getByRole('searchbox')).toHaveValue('café daisies')
})
