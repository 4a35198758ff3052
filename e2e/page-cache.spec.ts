// The page cache in front of Next (server/page-cache.ts): readers without a personal cookie get finished
// pages straight from memory, compressed once; every write that expires Next's cache tags expires them too;
// and nobody is handed a page that was made for someone else, or a cached copy of their own.
import { gunzipSync, brotliDecompressSync } from 'node:zlib'
import http from 'node:http'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { expireCacheTags, readSetting, writeSetting } from './data'
import { POST_1 } from './content'
import { E2E_ADMIN, E2E_BASE_URL } from './env'
import { field, publishProtectedPost, sendComment, settled } from './helpers'

test.describe.configure({ timeout: 60_000 })

/** A plain HTTP GET as a cookie-less reader, body left as sent (Playwright's client would decode it). */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${E2E_BASE_URL}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

const decoded = (r: { headers: http.IncomingHttpHeaders; body: Buffer }) =>
  (r.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(r.body)
    : r.headers['content-encoding'] === 'gzip'
      ? gunzipSync(r.body)
      : r.body
  ).toString('utf8')

/** Requests the page until the page cache answers it (the first request fills the cache). */
async function cachedHit(path: string, headers: Record<string, string> = {}) {
  await expect
    .poll(async () => (await rawGet(path, headers)).headers['x-daisy-cache'], { intervals: [100, 250, 500] })
    .toBe('HIT')
  return rawGet(path, headers)
}

/** Comments on `slug` as the signed-in admin (approved at once). */
async function commentAsAdmin(admin: Page, slug: string, text: string) {
  await sendComment(admin, slug, { text, name: 'Rob', email: E2E_ADMIN.email })
  await expect(admin.locator('.comment-list').getByText(text)).toBeVisible()
}

test('a cached page comes from the page cache, compressed once, and answers If-None-Match', async ({ post }) => {
  const path = post.path
  const plain = await cachedHit(path)
  expect(plain.status).toBe(200)
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.headers['content-length']).toBe(String(plain.body.length))
  expect(plain.headers.vary).toMatch(/Accept-Encoding/i)
  // Next's own headers ride along: the pingback and webmention endpoints, and what shared caches may keep.
  expect(plain.headers['x-pingback']).toBe(`${E2E_BASE_URL}/xmlrpc`)
  expect(plain.headers['cache-control']).toMatch(/s-maxage=\d+/)

  const gzip = await rawGet(path, { 'accept-encoding': 'gzip' })
  expect(gzip.headers['content-encoding']).toBe('gzip')
  expect(decoded(gzip)).toBe(plain.body.toString('utf8'))
  // Brotli is made once, in the background, after the entry is stored: gzip until it is ready.
  await expect
    .poll(
      async () => (await rawGet(path, { 'accept-encoding': 'gzip, deflate, br, zstd' })).headers['content-encoding'],
    )
    .toBe('br')
  const br = await rawGet(path, { 'accept-encoding': 'gzip, deflate, br, zstd' })
  expect(decoded(br)).toBe(plain.body.toString('utf8'))
  expect(br.body.length).toBeLessThan(gzip.body.length)
  // A client that refuses brotli (q=0) and gzip gets the page as it is.
  const refused = await rawGet(path, { 'accept-encoding': 'br;q=0, gzip;q=0' })
  expect(refused.headers['content-encoding']).toBeUndefined()

  const etag = plain.headers.etag!
  expect(etag).toBeTruthy()
  const revalidated = await rawGet(path, { 'if-none-match': etag })
  expect(revalidated.status).toBe(304)
  expect(revalidated.body.length).toBe(0)
  const head = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.request(`${E2E_BASE_URL}${path}`, { method: 'HEAD' }, resolve).on('error', reject).end(),
  )
  expect(head.statusCode).toBe(200)
  expect(head.headers['content-length']).toBe(String(plain.body.length))

  // What the client router asks for (an RSC payload) is Next's to answer, never the cached HTML.
  const rsc = await rawGet(path, { rsc: '1' })
  expect(rsc.headers['x-daisy-cache']).toBeUndefined()
  expect(rsc.body.toString()).not.toContain('<!DOCTYPE html>')
})

test('each write that expires Next’s tags expires the cached pages at once: a comment, a setting, a publication', async ({
  adminPage: admin,
  post,
  exclusive,
}) => {
  await exclusive('settings')
  // A comment approved (the author's own is approved as it is posted).
  const slug = post.slug
  const before = await cachedHit(`/posts/${slug}`)
  const text = `Fresh from the author ${Date.now()}`
  expect(before.body.toString()).not.toContain(text)
  await commentAsAdmin(admin, slug, text)
  const after = await rawGet(`/posts/${slug}`)
  expect(after.headers['x-daisy-cache']).toBe('MISS')
  expect(after.body.toString()).toContain(text)
  expect((await cachedHit(`/posts/${slug}`)).body.toString()).toContain(text)

  // A setting: the tagline is on every page.
  const home = await cachedHit('/', { 'accept-encoding': 'gzip, br' })
  const tagline = `Notes from the field, ${Date.now()}`
  expect(decoded(home)).not.toContain(tagline)
  await admin.goto('/admin/settings')
  const previous = await field(admin, 'Tagline').inputValue()
  await field(admin, 'Tagline').fill(tagline)
  await admin.getByRole('button', { name: 'Save settings' }).click()
  await expect(admin.getByText('Settings saved.')).toBeVisible()
  expect(decoded(await rawGet('/', { 'accept-encoding': 'gzip, br' }))).toContain(tagline)
  expect((await rawGet('/feed.xml')).body.toString()).toContain(tagline)

  // A scheduled post appears on the cached home page when its time comes, with nobody touching anything.
  const title = `Due any second ${Date.now()}`
  await admin.goto('/admin/posts/new')
  await field(admin, 'Title').fill(title)
  await field(admin, 'Body (Markdown)').fill('Scheduled, then served from the page cache.')
  // Far enough ahead that saving it, on a busy machine, ends before its time.
  const at = new Date(Date.now() + 15_000)
  await field(admin, /Publish at/).fill(at.toISOString().slice(0, 19))
  await admin.getByRole('button', { name: 'Schedule' }).click()
  await expect(admin).toHaveURL(/\?saved=1$/)
  expect(decoded(await cachedHit('/'))).not.toContain(title)
  await expect
    .poll(async () => (await rawGet('/')).body.toString().includes(title), { timeout: 45_000, intervals: [500] })
    .toBe(true)
  // Within moments of its time, not at the next write or the cache's whim.
  expect(Date.now() - at.getTime()).toBeLessThan(15_000)

  await admin.goto('/admin/settings')
  await field(admin, 'Tagline').fill(previous)
  await admin.getByRole('button', { name: 'Save settings' }).click()
  await expect(admin.getByText('Settings saved.')).toBeVisible()
})

test('a comment drops its own post’s cached page, not the other posts’ pages', async ({ adminPage: admin, post }) => {
  const other = `/posts/${POST_1.slug}`
  // Other specs publish and edit meanwhile (their writes rightly drop every post page): the pair of
  // observations is made again until no such write fell between them.
  let seen: string[] = []
  for (let round = 0; round < 4; round++) {
    await cachedHit(other)
    await cachedHit(post.path)
    await commentAsAdmin(admin, post.slug, `Only this post changes ${Date.now()}`)
    seen = [(await rawGet(post.path)).headers['x-daisy-cache'], (await rawGet(other)).headers['x-daisy-cache']].map(
      String,
    )
    if (seen[1] === 'HIT') break
  }
  expect(seen).toEqual(['MISS', 'HIT'])
})

test('a page that was rendering when a write expired its tags is not kept as fresh', async ({ exclusive }) => {
  // Next stamps a rendered page with the time it is stored: a render that read the settings before a change and
  // finished after the change expired their tag passed for fresh, and was served until the next write. Here the
  // tagline changes (as `npm run import:wxr` writes: in the database, then through the expiry route) while
  // readers keep the home page rendering: each round's page must show that round's tagline.
  test.setTimeout(120_000)
  await exclusive('settings')
  const expire = expireCacheTags
  const previous = await readSetting('tagline')
  // A cookie that takes readers past the page cache to Next (whose own cache is the one under test here).
  const pastThePageCache = { cookie: 'daisy_pass_e2e=1' }
  let reading = true
  const readers = Array.from({ length: 3 }, async () => {
    while (reading) await rawGet('/', pastThePageCache).catch(() => undefined)
  })
  try {
    for (let round = 0; round < 20; round++) {
      // Expiring the posts makes the readers render the home page again…
      await expire(['posts'])
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15))
      // …and while such a render may be in flight, the tagline changes.
      const tagline = `Round ${round} of the race, ${Date.now()}`
      await writeSetting('tagline', tagline)
      await expire(['settings'])
      // A render already in flight may still answer for a moment; a stale page kept as fresh would stay.
      const shows = async (headers: Record<string, string>) => (await rawGet('/', headers)).body.includes(tagline)
      await expect.poll(() => shows(pastThePageCache), { message: `round ${round}`, timeout: 5_000 }).toBe(true)
      expect(await shows({}), `round ${round}, page cache`).toBe(true)
    }
  } finally {
    reading = false
    await Promise.all(readers)
    await writeSetting('tagline', previous)
    await expire(['settings'])
  }
})

test('a signed-in author, a reader who unlocked a post and a reader with a held comment never get a cached page, nor anyone else theirs', async ({
  browser,
  adminPage: admin,
  post,
}) => {
  await admin.goto('/admin/posts/new')
  const secret = {
    slug: `cache-guarded-${Date.now()}`,
    password: `pw-${Math.random().toString(36).slice(2)}`,
    body: `Only for the unlocked ${Date.now()}`,
  }
  await publishProtectedPost(admin, { title: 'A guarded post, cached', ...secret })
  const path = `/posts/${secret.slug}`

  // The signed-in author is always served by Next itself.
  for (const page of ['/', path]) expect((await admin.request.get(page)).headers()['x-daisy-cache']).toBeUndefined()

  // Strangers get the password form, and no body.
  const locked = await rawGet(path)
  expect(locked.status).toBe(200)
  expect(locked.body.toString()).not.toContain(secret.body)

  // A reader unlocks it: their pages are rendered for them, with the body; strangers still get the form.
  const reader = await browser.newPage()
  await reader.goto(path)
  await settled(reader)
  await field(reader, 'Password').fill(secret.password)
  await reader.getByRole('button', { name: 'Enter', exact: true }).click()
  await expect(reader.getByText(secret.body)).toBeVisible()
  const own = await reader.request.get(path)
  expect(own.headers()['x-daisy-cache']).toBeUndefined()
  expect(await own.text()).toContain(secret.body)
  for (const headers of [{}, { 'accept-encoding': 'gzip, br' }] as Record<string, string>[]) {
    const stranger = await rawGet(path, headers)
    expect(stranger.status).toBe(200)
    expect(decoded(stranger)).not.toContain(secret.body)
  }

  // A reader whose comment is held sees it (asked for privately, never cached); nobody else does.
  const { slug, id: postId } = post
  const heldText = `Held for moderation ${Date.now()}`
  const commenter = await browser.newPage()
  await sendComment(commenter, slug, { text: heldText, name: 'Held Reader', email: `held.${Date.now()}@example.net` })
  await expect(commenter.locator('.held-comments')).toContainText(heldText)
  await commenter.reload()
  await expect(commenter.locator('.held-comments')).toContainText(heldText)
  const heldApi = await commenter.request.get(`/api/comments/held?post=${postId}`)
  expect(heldApi.headers()['cache-control']).toMatch(/private.*no-store|no-store.*private/)
  expect(await heldApi.text()).toContain(heldText)
  for (const response of [await commenter.request.get(`/posts/${slug}`), await rawGet(`/posts/${slug}`)]) {
    const body = 'text' in response ? await response.text() : response.body.toString()
    expect(body).not.toContain(heldText)
  }
  const other = await browser.newPage()
  await other.goto(`/posts/${slug}`)
  await expect(other.getByRole('heading', { name: 'Leave a comment' })).toBeVisible()
  await expect(other.getByText(heldText)).toHaveCount(0)

  await Promise.all([reader.close(), commenter.close(), other.close()])
})
