// The author's story: sign in, write, preview, publish, schedule, revise, upload, sign out.
import sharp from 'sharp'
import { expect, test } from './fixtures'
import { E2E_ADMIN } from './env'
import { readDb } from './db'
import { field, redirectTarget, signIn } from './helpers'

test('a wrong password is refused with a message, and keeps the email', async ({ page }) => {
  await page.goto('/login')
  await field(page, 'Email').fill(E2E_ADMIN.email)
  await field(page, 'Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.locator('#login-error')).toHaveText('The email or password is not right.')
  await expect(field(page, 'Email')).toHaveValue(E2E_ADMIN.email)
  await expect(page).toHaveURL(/\/login/)
})

test('password guessing is slowed down per account and address', async ({ browser }) => {
  // A made-up client address, so the brake does not hold up the other tests' sign-ins.
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.77' } })
  const page = await context.newPage()
  await page.goto('/login')
  for (let i = 1; i <= 6; i++) {
    await field(page, 'Email').fill('nobody@example.com')
    await field(page, 'Password').fill(`guess-${i}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.locator('#login-error')).toHaveText(
      i <= 5 ? 'The email or password is not right.' : /Too many failed attempts\. Try again in \d+ seconds\./,
    )
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled()
  }
  // Guesses at one account from this address do not hold back another account's owner here.
  await field(page, 'Email').fill(E2E_ADMIN.email)
  await field(page, 'Password').fill(E2E_ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/admin$/)
  await context.close()
})

test('write a draft in Markdown, preview it, keep the text through a validation error, publish it; then edit it, compare the revision and restore it', async ({
  adminPage: page,
}) => {
  test.setTimeout(120_000)
  await page.goto('/admin')
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Write' }).click()
  await field(page, 'Title').fill('Notes from the support floor')
  await field(page, 'Body (Markdown)').fill(
    'We **answer** every call.\n\n- kindness\n- speed\n\n<script>alert(1)</script>',
  )
  const preview = page.getByRole('region', { name: 'Preview' })
  await expect(preview.locator('strong')).toHaveText('answer')
  await expect(preview.locator('li')).toHaveText(['kindness', 'speed'])
  await expect(preview.locator('script')).toHaveCount(0)
  await field(page, 'Tags').fill('Support, Customer service')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page).toHaveURL(/\/admin\/posts\/[a-z0-9]+\?saved=1$/)
  await expect(page.getByText('Status: Draft').filter({ visible: true })).toBeVisible()
  expect(
    await readDb((db) =>
      db.post.findMany({ where: { title: 'Notes from the support floor' }, select: { status: true } }),
    ),
  ).toEqual([{ status: 'DRAFT' }])
  // Not public yet.
  expect((await page.request.get('/posts/notes-from-the-support-floor')).status()).toBe(404)

  // A validation error names the field and loses nothing.
  await field(page, 'Title').fill('')
  await field(page, 'Slug').fill('Bad Slug!')
  await page.getByRole('button', { name: 'Publish now' }).click()
  await expect(page.getByText('Give the post a title')).toBeVisible()
  await expect(page.getByText(/Use lowercase letters, digits and single dashes/)).toBeVisible()
  await expect(field(page, 'Title')).toHaveAttribute('aria-invalid', 'true')
  await expect(field(page, 'Body (Markdown)')).toHaveValue(/We \*\*answer\*\* every call\./)
  await expect(field(page, 'Tags')).toHaveValue('Customer service, Support')

  await field(page, 'Title').fill('Notes from the support floor')
  await field(page, 'Slug').fill('support-floor')
  await page.getByRole('button', { name: 'Publish now' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible()
  await page.getByRole('link', { name: 'View post' }).click()
  await expect(page).toHaveURL(/\/posts\/support-floor$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes from the support floor')
  await expect(page.locator('.post-body strong')).toHaveText('answer')
  await expect(page.getByRole('link', { name: '#Support' })).toBeVisible()
  // Written through at once; a render of the home page already under way when the post was published may
  // still finish with the old list, so allow the next request or two. It tops the list, but for posts that
  // tests running beside this one published after it.
  await expect
    .poll(
      async () => {
        await page.goto('/')
        const later = await readDb(async (db) => {
          const { publishedAt } = await db.post.findUniqueOrThrow({
            where: { slug: 'support-floor' },
            select: { publishedAt: true },
          })
          if (!publishedAt) return []
          const posts = await db.post.findMany({ where: { publishedAt: { gt: publishedAt } }, select: { title: true } })
          return posts.map((p) => p.title)
        })
        const titles = await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents()
        return titles.find((title) => !later.includes(title))
      },
      { timeout: 10_000 },
    )
    .toBe('Notes from the support floor')

  // Edit the published post, compare the revision and restore it; the old slug redirects.
  await page.goto('/admin/posts')
  await page.getByRole('link', { name: 'Notes from the support floor' }).click()
  await field(page, 'Body (Markdown)').fill('We answer every call within a minute.')
  await field(page, 'Slug').fill('support-floor-notes')
  await page.getByRole('button', { name: 'Update' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible()
  const moved = await page.request.get('/posts/support-floor', { maxRedirects: 0 })
  expect(moved.status()).toBe(308)
  expect(redirectTarget(moved)).toBe('/posts/support-floor-notes')
  await page.goto('/posts/support-floor-notes')
  await expect(page.locator('.post-body')).toContainText('within a minute')

  await page.goBack()
  await page.getByRole('link', { name: 'Revisions' }).click()
  await expect(page.locator('.diff del', { hasText: 'kindness' })).toHaveCount(1)
  await expect(page.locator('.diff ins', { hasText: 'minute' })).toHaveCount(1)
  await page.getByRole('button', { name: 'Restore this version' }).click()
  await expect(page.getByText(/The earlier version is back/)).toBeVisible()
  await page.goto('/posts/support-floor-notes')
  await expect(page.locator('.post-body strong')).toHaveText('answer')
})

test('schedule a post: hidden until its time, then public without anyone touching it', async ({ adminPage: page }) => {
  await page.goto('/admin/posts/new')
  await field(page, 'Title').fill('A post from the near future')
  await field(page, 'Body (Markdown)').fill('It was written earlier and appears on time.')
  await field(page, 'Slug').fill('near-future')
  // The e2e site's time zone is UTC; twenty seconds from now (saving takes seconds on a busy machine).
  const at = new Date(Date.now() + 20_000).toISOString().slice(0, 19)
  await field(page, /Publish at/).fill(at)
  await page.getByRole('button', { name: 'Schedule' }).click()
  await expect(page).toHaveURL(/\?saved=1$/)
  await expect(page.getByText('Status: Scheduled').filter({ visible: true })).toBeVisible()
  expect((await page.request.get('/posts/near-future')).status()).toBe(404)
  await page.goto('/')
  await expect(page.getByRole('link', { name: 'A post from the near future' })).toHaveCount(0)
  await expect
    .poll(async () => (await page.request.get('/posts/near-future')).status(), { timeout: 45_000, intervals: [1000] })
    .toBe(200)
  await expect
    .poll(async () => (await (await page.request.get('/')).text()).includes('A post from the near future'), {
      timeout: 30_000,
      intervals: [1000],
    })
    .toBe(true)
})

test('upload an image with alt text and see it on a published page', async ({ adminPage: page }) => {
  await page.goto('/admin/media')
  const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 150, b: 40 } } })
    .png()
    .toBuffer()
  await field(page, 'Image').setInputFiles({ name: 'Daisy Field.png', mimeType: 'image/png', buffer: png })
  await page.getByRole('button', { name: 'Upload' }).click()
  await expect(
    page
      .getByText('Alt text')
      .locator('..')
      .getByText(/Describe the image/),
  ).toBeVisible()
  await field(page, 'Image').setInputFiles({
    name: 'notes.txt',
    mimeType: 'image/png',
    buffer: Buffer.from('not an image'),
  })
  await field(page, 'Alt text').fill('A field of daisies')
  await page.getByRole('button', { name: 'Upload' }).click()
  await expect(page.getByText(/not an image Daisy can read/)).toBeVisible()
  await field(page, 'Image').setInputFiles({ name: 'Daisy Field.png', mimeType: 'image/png', buffer: png })
  await page.getByRole('button', { name: 'Upload' }).click()
  await expect(page.getByText('Uploaded “A field of daisies”.')).toBeVisible()
  await page.reload()
  await expect(page.getByRole('img', { name: 'A field of daisies' })).toBeVisible()

  await page.goto('/admin/posts/new')
  await field(page, 'Title').fill('A picture post')
  await field(page, 'Body (Markdown)').fill('Look:')
  await page.getByText('Insert an image').click()
  await page.getByRole('button', { name: 'Insert “A field of daisies”' }).click()
  await page.getByRole('button', { name: 'Publish now' }).click()
  await expect(page).toHaveURL(/\?saved=1$/)
  await page.getByRole('link', { name: 'View post' }).click()
  const img = page.locator('.post-body img')
  await expect(img).toHaveAttribute('alt', 'A field of daisies')
  await expect(img).toHaveAttribute('srcset', /-480\.webp 480w/)
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true)
})

test('export the blog as WXR and JSON', async ({ adminPage: page }) => {
  await page.goto('/admin/export')
  const wxr = await page.request.get('/admin/export/wxr')
  expect(wxr.headers()['content-disposition']).toMatch(/attachment; filename="daisy-.*\.wxr\.xml"/)
  const xml = await wxr.text()
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml')
    const ns = 'http://wordpress.org/export/1.2/'
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      version: doc.getElementsByTagNameNS(ns, 'wxr_version')[0]?.textContent,
      titles: [...doc.querySelectorAll('item > title')].map((t) => t.textContent),
      types: [...doc.getElementsByTagNameNS(ns, 'comment_type')].map((t) => t.textContent),
    }
  }, xml)
  expect(parsed.error).toBeNull()
  expect(parsed.version).toBe('1.2')
  expect(parsed.titles).toContain('It is now all customers, all the time, I think')
  expect(parsed.types).toContain('trackback')
  const json = await (await page.request.get('/admin/export/json')).json()
  expect(json.format).toBe('daisy-export')
  expect(json.users[0]).not.toHaveProperty('passwordHash')
  expect(json.posts.some((p: { source: string }) => p.source.includes('This blog started as a diary'))).toBe(true)
})

test('move a post to the trash and restore it; sign out', async ({ page, post, exclusive }) => {
  // Its own sign-in, since it signs out; and the trash to itself, since it counts what is in it.
  await exclusive('post-trash')
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/posts/${post.id}`)
  await page.getByRole('button', { name: 'Move to trash' }).click()
  await expect(page.getByText(/Moved to the trash/)).toBeVisible()
  expect((await page.request.get(post.path)).status()).toBe(404)
  await page.getByRole('link', { name: /Trash \(1\)/ }).click()
  await page.getByRole('link', { name: post.title }).click()
  await page.getByRole('button', { name: 'Restore' }).click()
  await expect(page.getByText('Restored from the trash.')).toBeVisible()
  expect((await page.request.get(post.path)).status()).toBe(200)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login/)
  await page.goto('/admin')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin$/)
})
