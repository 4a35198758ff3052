// A reader's story: the home page lists the blog's posts; a post shows its body, then its mentions apart.
import { expect, test } from '@playwright/test'
import { POST_1, POST_2 } from './content'

test('the home page lists both seed posts, newest first, with author and date', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page).toHaveTitle('Rob La Gesse')
  const titles = page.getByRole('main').getByRole('heading', { level: 2 })
  await expect(titles.nth(0)).toHaveText(POST_2.title)
  await expect(titles.nth(1)).toHaveText(POST_1.title)
  const first = page.getByRole('article', { name: POST_2.title })
  await expect(first.getByText('by Rob La Gesse')).toBeVisible()
  await expect(first.locator('time')).toHaveAttribute('datetime', '2010-12-21T17:30:00.000Z')
  await expect(first.getByText(/This blog started as a diary/)).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})

test('opening post 2 shows its body, and the Twitter mention under a Mentions heading, not in the body', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByRole('link', { name: POST_2.title, exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`/posts/${POST_2.slug}$`))
  await expect(page.getByRole('heading', { level: 1, name: POST_2.title })).toBeVisible()

  const body = page.locator('.post-body')
  await expect(body).toContainText('This blog started as a diary')
  await expect(body).toContainText('what I hope I can teach through my experiences.')
  await expect(body).not.toContainText('mentioned on Twitter')

  const mentions = page.getByRole('region', { name: /Mentions/ })
  await expect(mentions.getByRole('heading', { name: 'Mentions (1)' })).toBeVisible()
  await expect(mentions).toContainText('This post was mentioned on Twitter by Ed Leafe, Rob La Gesse.')
  await expect(mentions).toContainText('Rob La Gesse said: It is now all customers, all the time, I think')
  await expect(mentions.getByText('Trackback')).toBeVisible()
  // A mention is not a comment.
  await expect(page.getByRole('region', { name: 'Comments' })).toContainText('No comments yet.')
})

test('post 1 keeps the quoted email as a blockquote', async ({ page }) => {
  await page.goto(`/posts/${POST_1.slug}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(POST_1.title)
  await expect(page.locator('.post-body blockquote')).toContainText('I promise them what I will do')
  await expect(page.getByRole('region', { name: /Mentions/ })).toHaveCount(0)
})

test('a post page shows reading time, tags, comment count and its neighbours', async ({ page }) => {
  await page.goto(`/posts/${POST_1.slug}`)
  const header = page.locator('.post-header')
  await expect(header).toContainText(/\d+ min read/)
  await expect(header.getByRole('link', { name: 'No comments' })).toHaveAttribute('href', '#comments')
  await expect(page.getByRole('link', { name: '#Rackspace' })).toBeVisible()
  const more = page.getByRole('navigation', { name: 'More posts' })
  await expect(more.getByRole('link', { name: new RegExp(POST_2.title) })).toHaveAttribute('rel', 'next')
  await more.getByRole('link', { name: /Field note 12/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Field note 12')
})

test('reading asks for nothing but the page: no prefetched pages, no comment form requests, no web fonts', async ({
  page,
}) => {
  const extra: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.searchParams.has('_rsc') || url.pathname.startsWith('/api/') || request.resourceType() === 'font')
      extra.push(url.pathname + url.search)
  })
  for (const path of ['/', `/posts/${POST_2.slug}`, '/tags/field-notes', '/search?q=customer']) {
    await page.goto(path)
    await page.waitForLoadState('networkidle')
  }
  // Scrolling brings every link into view, which is when Next would prefetch.
  await page.mouse.wheel(0, 5000)
  await page.waitForTimeout(500)
  expect(extra).toEqual([])
  // A click still navigates in place.
  await page.goto('/')
  await page.getByRole('link', { name: POST_2.title, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: POST_2.title })).toBeVisible()
})

test('an unknown address answers the 404 page with status 404', async ({ page }) => {
  for (const path of ['/no-such-page', '/posts/no-such-post', '/tags/no-such-tag', '/archive/1999', '/page/99']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  }
  await page.getByRole('link', { name: 'Go to the home page' }).click()
  await expect(page).toHaveURL(/\/$/)
})

test('pages work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('link', { name: POST_2.title, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: POST_2.title })).toBeVisible()
  await expect(page.getByRole('region', { name: /Mentions/ })).toContainText('mentioned on Twitter')
  await page.getByRole('searchbox', { name: 'Search the blog' }).fill('daisies')
  await page.getByRole('searchbox', { name: 'Search the blog' }).press('Enter')
  await expect(page.getByRole('main').getByRole('link', { name: POST_1.title })).toBeVisible()
  await context.close()
})
