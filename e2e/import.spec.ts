// The author moves a WordPress blog to Daisy: uploads its export, watches the import, and finds every post,
// comment thread, trackback and pingback, the images, and the old addresses still working.
import http from 'node:http'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { e2eServerEnv } from './env'
import { readDb } from './db'
import { field, redirectTarget, settled } from './helpers'
import { sampleWxr } from '../lib/import/sample'
import { rowCounts } from '../lib/test/records'

// One after the other, in one worker: the command-line import must not land while the story counts rows.
test.describe.configure({ mode: 'default', timeout: 120_000 })

// Big enough that the import takes a few seconds, so the progress bar has something to show.
const POSTS = 500
const COMMENTS = POSTS * 12
let oldSite: http.Server
let wxrFile = ''
let brokenFile = ''
let imageUrl = ''

/** The rows an import writes: posts, comments (linkbacks among them) and old addresses. */
async function importedRows() {
  const { posts, comments, redirects } = await readDb(rowCounts)
  return { posts, comments, redirects }
}

test.beforeAll(async ({}, testInfo) => {
  // The old blog's server, still up: it serves one image; the other attachment is gone (404).
  const png = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer()
  oldSite = http.createServer((req, res) => {
    if (req.url === '/wp-content/uploads/2009/01/harbour.png')
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(png)
    res.writeHead(404).end('gone')
  })
  await new Promise<void>((resolve) => oldSite.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(oldSite.address() as AddressInfo).port}`
  imageUrl = `${origin}/wp-content/uploads/2009/01/harbour.png`
  wxrFile = testInfo.outputPath('old-blog.wordpress.xml')
  writeFileSync(
    wxrFile,
    sampleWxr({
      posts: POSTS,
      comments: COMMENTS,
      attachmentUrls: [imageUrl, `${origin}/wp-content/uploads/2009/01/lost.jpg`],
    }),
  )
  brokenFile = testInfo.outputPath('broken.xml')
  writeFileSync(
    brokenFile,
    '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<item><title>Half a post</title>\n</channel>\n</rss>\n',
  )
})

test.afterAll(() => new Promise<void>((resolve) => oldSite.close(() => resolve())))

async function upload(page: Page, file: string) {
  await page.goto('/admin/import')
  await page.getByLabel('WordPress export file (WXR, .xml)').setInputFiles(file)
  await page.getByRole('button', { name: 'Import' }).click()
}

// One story: every step after the first looks at what the upload imported.
test('a WordPress blog moves in: uploaded, watched, read, found at its old addresses, imported again to no effect', async ({
  adminPage,
  browser,
  request,
}) => {
  test.setTimeout(240_000)
  const reader = await browser.newPage()
  await test.step('the author uploads a WordPress export and watches it import', async () => {
    const page = adminPage
    await page.goto('/admin')
    await page.getByRole('link', { name: 'Import', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Import from WordPress' })).toBeVisible()

    // Every answer of the progress route while the import runs.
    const seen: { running: boolean; phase: string; done: number; total: number }[] = []
    page.on('response', async (response) => {
      if (response.url().endsWith('/api/import/progress')) seen.push(await response.json().catch(() => null))
    })
    await upload(page, wxrFile)
    const bar = page.locator('#import-progress-bar')
    await expect(bar).toBeVisible()
    await expect(page.getByRole('button', { name: 'Importing…' })).toBeDisabled()
    const report = page.locator('.import-report')
    await expect(report.getByRole('heading', { name: 'Import report' })).toBeVisible({ timeout: 90_000 })

    // The bar moved through the items and ended full.
    await expect(bar).toHaveAttribute('value', '100')
    const importing = seen.filter((s) => s?.running && s.phase === 'importing')
    expect(importing.length, 'at least one progress answer while items were imported').toBeGreaterThan(0)
    expect(importing.every((s) => s.total === POSTS + 4)).toBe(true)

    const row = (what: string) => report.getByRole('row', { name: new RegExp(`^${what}`) })
    await expect(report.getByRole('status')).toContainText(
      `Imported from http://old-blog.example (WXR 1.2, ${POSTS + 4} items)`,
    )
    await expect(row('Posts')).toContainText(`Posts${POSTS}0`)
    await expect(row('Pages')).toContainText('Pages10')
    await expect(row('Comments and linkbacks')).toContainText(COMMENTS.toLocaleString('en-US'))
    await expect(row('Comments and linkbacks')).toContainText(
      `${POSTS * 10} comments, ${POSTS} trackbacks, ${POSTS} pingbacks`,
    )
    await expect(row('Authors')).toContainText('Authors20')
    await expect(row('Attachments')).toContainText('1 copied into the media library, 1 kept at their original address')
    await expect(report).toContainText('nav_menu_item: Daisy has no such content type')
    await expect(report).toContainText('HTTP 404')

    const fromOldBlog = { importKey: { startsWith: 'old-blog.example|' } }
    const counts = await readDb(async (db) => ({
      posts: await db.post.count({ where: fromOldBlog }),
      comments: await db.comment.count({ where: fromOldBlog }),
    }))
    expect(counts).toEqual({ posts: POSTS + 1, comments: COMMENTS })
  })

  await test.step('a reader finds the imported post with its comment thread and mentions', async () => {
    const page = reader
    // Post 1 of the export: comments 1–12, a thread three deep, one reply pending, a trackback and a pingback.
    await page.goto('/posts/old-post-1')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Old post 1: Hosting source phone customer')
    const body = page.locator('.post-body')
    // Classic content got its paragraphs and line breaks as WordPress showed them.
    await expect(body.locator('p')).toHaveCount(2)
    await expect(body.locator('p').nth(1).locator('br')).toHaveCount(1)
    await expect(page.getByRole('link', { name: '#Stories' })).toBeVisible()

    const comments = page.locator('#comments')
    const top = comments.locator('.comment-list > li.comment').first()
    await expect(top.getByRole('article').first()).toContainText('Reader 1')
    // Reader 2 replied to Reader 1, Reader 3 to Reader 2: three levels.
    const second = top.locator(':scope > .comment-list > li.comment').first()
    await expect(second.getByRole('article').first()).toContainText('Reader 2')
    const third = second.locator(':scope > .comment-list > li.comment').first()
    await expect(third.getByRole('article')).toContainText('Reader 3')
    // The pending reply (comment 5) and the spam are not shown.
    await expect(comments.getByText('Reader 5', { exact: true })).toHaveCount(0)

    const mentions = page.getByRole('heading', { name: /^Mentions \(2\)/ })
    await expect(mentions).toBeVisible()
    const list = page.locator('.mention-list')
    await expect(list.getByRole('link', { name: 'A reply post', exact: true })).toHaveAttribute(
      'href',
      'https://another-blog.example/9/',
    )
    await expect(list).toContainText('Trackback')
    await expect(list).toContainText('Pingback')
    await expect(list.getByRole('link', { name: 'Another Blog » A reply post' })).toBeVisible()
  })

  await test.step('old WordPress addresses answer a permanent redirect to the new ones', async () => {
    const page = reader
    for (const old of ['/2009/01/02/old-post-1/', '/2009/01/02/old-post-1', '/?p=101']) {
      let response = await request.get(old, { maxRedirects: 0 })
      // Next first drops a trailing slash (308), then the old path answers 308 to the post.
      if (redirectTarget(response)?.endsWith('/2009/01/02/old-post-1'))
        response = await request.get(redirectTarget(response)!, { maxRedirects: 0 })
      expect(response.status(), old).toBe(308)
      expect(new URL(redirectTarget(response)!, 'http://x').pathname, old).toBe('/posts/old-post-1')
    }
    const page2 = await request.get('/about/', { maxRedirects: 5 })
    expect(page2.status()).toBe(200)
    expect(await page2.text()).toContain('I write about customers.')
    expect(redirectTarget(await request.get('/?page_id=2', { maxRedirects: 0 }))).toMatch(/\/about$/)
    expect((await request.get('/category/stories/', { maxRedirects: 5 })).url()).toMatch(/\/tags\/stories$/)
    expect((await request.get('/2009/01/02/no-such-post/', { maxRedirects: 5 })).status()).toBe(404)

    // In the browser, the old link lands on the post.
    await page.goto('/2009/01/03/old-post-2/')
    await expect(page).toHaveURL(/\/posts\/old-post-2$/)
  })

  await test.step('a password-protected post shows its content only after the password', async () => {
    const page = reader
    await page.goto('/posts/old-post-2')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Old post 2/)
    // (Visible only: the streamed answer may still sit hidden beside the form while it swaps in.)
    await expect(page.getByText('This content is password protected.').filter({ visible: true })).toBeVisible()
    await expect(page.locator('.post-body')).toHaveCount(0)
    // Nothing of the body in the HTML, the feed or search.
    const html = await (await request.get('/posts/old-post-2')).text()
    expect(html).not.toContain('A second line.')
    const password = field(page, 'Password')
    await settled(page)
    await password.fill('wrong')
    await page.getByRole('button', { name: 'Enter' }).click()
    await expect(page.locator('.password-form .field-error')).toHaveText('That password is not right.')
    await expect(password).toHaveValue('wrong')
    await password.fill('letmein')
    await page.getByRole('button', { name: 'Enter' }).click()
    await expect(page.locator('.post-body')).toContainText('A second line.')
    await expect(page.locator('#comments')).toBeVisible()
    // Another visitor (no cookie) still sees only the form.
    expect(await (await request.get('/posts/old-post-2')).text()).not.toContain('A second line.')
  })

  await test.step('the stored image is in the media library; the missing one keeps its old address', async () => {
    const page = adminPage
    await page.goto('/admin/media')
    const stored = page.getByRole('img', { name: 'Picture 1' })
    await expect(stored).toBeVisible()
    await expect(stored).toHaveJSProperty('complete', true)
    expect(await stored.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    const [row] = await readDb((db) =>
      db.media.findMany({ where: { sourceUrl: imageUrl }, select: { path: true, width: true } }),
    )
    expect(row).toMatchObject({ width: 800 })
    expect(row!.path).toMatch(/^\d{4}-\d{2}\/harbour-[0-9a-f]{16}\.png$/)
    // The old blog's address of the image now leads to the stored copy.
    const old = await page.request.get('/wp-content/uploads/2009/01/harbour.png', { maxRedirects: 0 })
    expect(old.status()).toBe(308)
    expect(redirectTarget(old)).toBe(`/media/${row!.path}`)
  })

  await test.step('importing the same file again changes nothing; a broken file is refused naming the line', async () => {
    const page = adminPage
    const before = await importedRows()
    await upload(page, wxrFile)
    const report = page.locator('.import-report')
    await expect(report.getByRole('row', { name: /^Posts/ })).toContainText(`Posts0${POSTS}`, { timeout: 90_000 })
    await expect(report.getByRole('row', { name: /^Comments and linkbacks/ })).toContainText(
      `0${COMMENTS.toLocaleString('en-US')}`,
    )
    expect(await importedRows()).toEqual(before)

    await upload(page, brokenFile)
    const error = page.locator('.notice.error')
    await expect(error).toContainText('This file cannot be imported: the file is not well-formed XML')
    await expect(error).toContainText('(line 5)')
    await expect(error).toContainText('Nothing was imported.')
    expect(await readDb((db) => db.post.count({ where: { title: 'Half a post' } }))).toBe(0)
  })
  await reader.close()
})

test('only an administrator may import', async ({ request }) => {
  const anonymous = await request.post('/api/import', {
    data: '<rss/>',
    headers: { 'content-type': 'application/xml' },
  })
  expect(anonymous.status()).toBe(401)
  expect((await request.get('/api/import/progress')).status()).toBe(401)
  // The cache route the CLI calls wants the server's secret.
  expect((await request.post('/api/cache/expire', { data: { tags: ['posts'] } })).status()).toBe(403)
  expect(
    (
      await request.post('/api/cache/expire', { data: { tags: ['posts'] }, headers: { 'x-daisy-worker': 'guess' } })
    ).status(),
  ).toBe(403)
})

test('the command-line import shows up on the running blog at once', async ({ request }, testInfo) => {
  const file = testInfo.outputPath('cli-blog.xml')
  writeFileSync(file, sampleWxr({ siteUrl: 'http://cli-blog.example', posts: 3, comments: 6, slugPrefix: 'cli-post' }))
  // Asked before the import, the old address is a (cached) 404.
  expect((await request.get('/2009/01/02/cli-post-1', { maxRedirects: 0 })).status()).toBe(404)
  const output = execFileSync('npm', ['run', '-s', 'import:wxr', '--', file], {
    env: { ...process.env, ...e2eServerEnv },
    encoding: 'utf8',
  })
  expect(output).toContain('Imported from http://cli-blog.example (WXR 1.2, 5 items)')
  expect(output).toMatch(/posts +3 new/)
  expect(output).toContain(`The running blog at http://127.0.0.1:${e2eServerEnv.PORT} now shows the import.`)
  const moved = await request.get('/2009/01/02/cli-post-1', { maxRedirects: 0 })
  expect(moved.status()).toBe(308)
  expect(redirectTarget(moved)).toBe('/posts/cli-post-1')
})
