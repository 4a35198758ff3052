// What an attacker tries first: spoofed client addresses, locking the owner out, replaying a saved session,
// redirects to other sites, huge bodies, and what shared caches are told. Each test makes its own accounts.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import sharp from 'sharp'
import type { Browser, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { E2E_ADMIN, E2E_BASE_URL, E2E_PORT, e2eServerEnv } from './env'
import { addApprovedComment } from './data'
import { readDb } from './db'
import { apiSignIn, backdateFormToken, field, postIdOf, publishProtectedPost, settled, signIn } from './helpers'
import { POST_1 } from './content'
import { startSecondServer, stopSecondServer } from './second-server'

/** A fresh account made through the Users page by `admin`, so each test owns who it signs in as. */
async function createAccount(admin: Page, role: 'author' | 'admin' = 'author') {
  const account = {
    email: `${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`,
    password: `pw-${Math.random().toString(36).slice(2)}-long`,
  }
  await admin.goto('/admin/users')
  await field(admin, 'Email').fill(account.email)
  await field(admin, 'Name').fill(`Test ${role}`)
  if (role === 'admin') await field(admin, 'Role').selectOption('ADMIN')
  await field(admin, 'Password').fill(account.password)
  await admin.getByRole('button', { name: 'Add user' }).click()
  await expect(admin.getByText(`Created ${account.email}`)).toBeVisible()
  return account
}

test.describe('client addresses', () => {
  // One second server for both tests: they run one after the other, in one worker.
  test.describe.configure({ mode: 'default' })
  const port = E2E_PORT + 1
  let server: ChildProcess

  test.beforeAll(async () => {
    // The same build and database, served without TRUST_PROXY: as `npm start` faces clients directly.
    server = await startSecondServer(port, { TRUST_PROXY: '' })
  })
  test.afterAll(() => stopSecondServer(server))

  test('without TRUST_PROXY, a rotated X-Forwarded-For neither escapes the comment limit nor chooses the stored address', async ({
    browser,
    post,
  }) => {
    test.setTimeout(60_000)
    const context = await browser.newContext({ baseURL: `http://localhost:${port}` })
    const page = await context.newPage()
    const marker = `spoof-${Date.now()}`
    for (let i = 1; i <= 6; i++) {
      await page.setExtraHTTPHeaders({ 'x-forwarded-for': `198.18.0.${i}`, 'x-real-ip': `198.18.1.${i}` })
      await page.goto(post.path)
      await page
        .getByRole('textbox', { name: 'Comment' })
        .fill(`${marker} number ${i}: a comment from a rotating address.`)
      await page.getByRole('textbox', { name: 'Name' }).fill(`Rotator ${i}`)
      await page.getByRole('textbox', { name: 'Email' }).fill(`rotator${i}@example.com`)
      await backdateFormToken(page, post.id)
      await page.getByRole('button', { name: 'Post comment' }).click()
      // The first five are held for moderation (shown to their author); the sixth is over the limit.
      if (i <= 5) await expect(page.getByText(`${marker} number ${i}:`)).toBeVisible()
      else await expect(page.getByText(/You are commenting faster than people do/).first()).toBeVisible()
    }
    const stored = await readDb((db) =>
      db.comment.findMany({ where: { content: { startsWith: marker } }, select: { ip: true } }),
    )
    expect(stored).toHaveLength(5)
    for (const { ip } of stored) expect(ip).toMatch(/^(127\.0\.0\.1|::1)$/)
    await context.close()
  })

  test('without TRUST_PROXY, rotating X-Forwarded-For does not reset the sign-in brake', async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: `http://localhost:${port}` })
    const email = `nobody-${Date.now()}@example.com`
    const errors: (string | null)[] = []
    for (let i = 1; i <= 6; i++) errors.push(await apiSignIn(request, email, `guess-${i}`, `198.18.2.${i}`))
    expect(errors.slice(0, 5)).toEqual(Array(5).fill('The email or password is not right.'))
    expect(errors[5]).toMatch(/Too many failed attempts/)
    await request.dispose()
  })
})

/**
 * A new account whose owner signed in once from `address` on their own device, which remembers it (the device
 * cookie), then signed out: the browser a sign-in brake must never lock out.
 */
async function ownerOnTheirDevice(browser: Browser, adminPage: Page, address: string) {
  const owner = await createAccount(adminPage)
  const ownerContext = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } })
  const ownerPage = await ownerContext.newPage()
  await signIn(ownerPage, owner.email, owner.password)
  await ownerContext.clearCookies({ name: /next-auth/ })
  return { owner, ownerContext, ownerPage }
}

test('strangers guessing from many addresses slow down the account, but never lock the owner out of their own browser', async ({
  browser,
  adminPage,
  playwright,
}) => {
  test.setTimeout(90_000)
  const { owner, ownerContext, ownerPage } = await ownerOnTheirDevice(browser, adminPage, '198.51.100.200')

  // Twenty-two wrong passwords from twenty-two addresses.
  const strangers = await playwright.request.newContext({ baseURL: E2E_BASE_URL })
  for (let i = 1; i <= 22; i++)
    expect(await apiSignIn(strangers, owner.email, `guess-${i}`, `192.0.2.${i}`)).toEqual(
      i <= 20 ? 'The email or password is not right.' : expect.stringMatching(/Too many failed attempts/),
    )
  // A new browser, even with the right password, now waits…
  expect(await apiSignIn(strangers, owner.email, owner.password, '192.0.2.99')).toMatch(/Too many failed attempts/)
  // …but the owner's own browser gets in at once.
  await signIn(ownerPage, owner.email, owner.password)
  await expect(ownerPage.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await Promise.all([strangers.dispose(), ownerContext.close()])
})

test('a saved session cookie stops working after sign-out, a password change, an admin reset and "sign out everywhere"', async ({
  browser,
  adminPage,
}) => {
  // A dozen sign-ins, each a deliberately slow password hash.
  test.setTimeout(180_000)
  const account = await createAccount(adminPage)
  const signedIn = async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, account.email, account.password)
    return { context, page, saved: await context.storageState() }
  }
  /** Opens /admin with a copy of a saved cookie jar: true when the dashboard shows. */
  const opensAdmin = async (saved: Awaited<ReturnType<typeof signedIn>>['saved']) => {
    const context = await browser.newContext({ storageState: saved })
    const page = await context.newPage()
    await page.goto('/admin')
    const inside = await page
      .getByRole('heading', { level: 1, name: 'Dashboard' })
      .isVisible()
      .catch(() => false)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Dashboard|Sign in/)
    const result =
      /\/admin$/.test(page.url()) &&
      (inside || (await page.getByRole('heading', { level: 1, name: 'Dashboard' }).isVisible()))
    await context.close()
    return result
  }

  // Sign-out.
  const first = await signedIn()
  expect(await opensAdmin(first.saved)).toBe(true)
  await first.page.getByRole('button', { name: 'Sign out' }).click()
  await expect(first.page).toHaveURL(/\/login/)
  expect(await opensAdmin(first.saved)).toBe(false)
  const stale = await browser.newContext({ storageState: first.saved })
  expect((await (await stale.request.get('/api/auth/session')).json()).user).toBeUndefined()
  await stale.close()

  // A password change ends the other sessions, not the one that changed it.
  const other = await signedIn()
  const changer = await signedIn()
  await changer.page.goto('/admin/profile')
  await field(changer.page, 'Current password').fill(account.password)
  account.password = `${account.password}-changed`
  await changer.page.getByLabel('New password', { exact: true }).fill(account.password)
  await field(changer.page, 'New password again').fill(account.password)
  await changer.page.getByRole('button', { name: 'Change password' }).click()
  await expect(changer.page.getByText(/Password changed\. 1 other session was signed out\./)).toBeVisible()
  expect(await opensAdmin(other.saved)).toBe(false)
  expect(await opensAdmin(changer.saved)).toBe(true)

  // "Sign out everywhere" ends this one too.
  await changer.page.getByRole('button', { name: 'Sign out everywhere', exact: true }).click()
  await expect(changer.page).toHaveURL(/\/login/)
  expect(await opensAdmin(changer.saved)).toBe(false)

  // An admin's reset ends every session of the account.
  const third = await signedIn()
  await adminPage.goto('/admin/users')
  await adminPage.getByRole('button', { name: `Reset password of ${account.email}` }).click()
  await expect(adminPage.getByText(`New password for ${account.email}.`)).toBeVisible()
  expect(await opensAdmin(third.saved)).toBe(false)
  await Promise.all([first.context.close(), other.context.close(), changer.context.close(), third.context.close()])
})

test('thirty wrong passwords sent at once for one account from one address: five reach the password check', async ({
  playwright,
}) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL })
  const email = `burst-${Date.now()}@example.com`
  const headers = { 'x-forwarded-for': '198.18.7.1' }
  // One CSRF token (and its cookie) for all thirty, as a script firing them at once would do.
  const { csrfToken } = await (await request.get('/api/auth/csrf', { headers })).json()
  const errors = await Promise.all(
    Array.from({ length: 30 }, async (_, i) => {
      const response = await request.post('/api/auth/callback/credentials', {
        form: { csrfToken, email, password: `guess-${i}`, json: 'true' },
        headers,
        maxRedirects: 0,
      })
      return new URL(((await response.json()) as { url: string }).url).searchParams.get('error')
    }),
  )
  const tally: Record<string, number> = {}
  for (const error of errors) tally[String(error)] = (tally[String(error)] ?? 0) + 1
  // Only a checked password answers "not right"; the others were refused before any hashing.
  expect(tally['The email or password is not right.'], JSON.stringify(tally)).toBe(5)
  for (const error of errors.filter((e) => e !== 'The email or password is not right.'))
    expect(error).toMatch(/Too many failed attempts|Too many sign-ins at once/)
  await request.dispose()
})

test("the owner's browser signs in from an address where strangers guessed at made-up accounts", async ({
  browser,
  adminPage,
  playwright,
}) => {
  test.setTimeout(90_000)
  const shared = '198.51.100.201'
  const { owner, ownerContext, ownerPage } = await ownerOnTheirDevice(browser, adminPage, shared)
  // An office, a carrier's NAT: strangers behind the same address guess at 22 made-up accounts…
  const strangers = await playwright.request.newContext({ baseURL: E2E_BASE_URL })
  for (let i = 1; i <= 22; i++) await apiSignIn(strangers, `made-up-${i}-${Date.now()}@example.com`, 'guess', shared)
  // …which brakes that address for anyone new, even with a right password…
  expect(await apiSignIn(strangers, owner.email, owner.password, shared)).toMatch(/Too many failed attempts/)
  // …but not the owner's own browser.
  await signIn(ownerPage, owner.email, owner.password)
  await expect(ownerPage.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await Promise.all([strangers.dispose(), ownerContext.close()])
})

test('after signing in, no callbackUrl trick leaves this site: control characters, dot segments, encoded slashes', async ({
  page,
}) => {
  const tricks = [
    ...['%09', '%0A', '%0D'].map((c) => decodeURIComponent(`/${c}/other-host.example/page`)),
    '/.//other-host.example',
    '/..//other-host.example',
    '/a/..//other-host.example',
    '/%2e%2e//other-host.example',
    '/./%2Fother-host.example',
    '/..%2F%2Fother-host.example',
  ]
  for (const trick of tricks) {
    await page.context().clearCookies()
    await page.goto(`/login?callbackUrl=${encodeURIComponent(trick)}`)
    await page.getByRole('textbox', { name: 'Email' }).fill(E2E_ADMIN.email)
    await field(page, 'Password').fill(E2E_ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page, JSON.stringify(trick)).toHaveURL(`${E2E_BASE_URL}/admin`)
  }
})

/**
 * Sends a chunked POST of up to `megabytes` MB and returns the status. A server that answers and closes while
 * the client is still sending may reset the connection before the answer is read (TCP drops unread data on a
 * reset): that comes back as status 0, "reset", with how much had been sent.
 */
function chunkedPost(
  path: string,
  megabytes: number,
  contentType: string,
): Promise<{ status: number; sentMb: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0
    const req = http.request(
      `${E2E_BASE_URL}${path}`,
      { method: 'POST', headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' } },
      (res) => {
        res.resume()
        resolve({ status: res.statusCode ?? 0, sentMb: sent / 1024 / 1024 })
        req.destroy()
      },
    )
    req.on('error', (error) => (sent > 0 ? resolve({ status: 0, sentMb: sent / 1024 / 1024 }) : reject(error)))
    const chunk = Buffer.alloc(256 * 1024, 'a')
    const pump = () => {
      while (sent < megabytes * 1024 * 1024) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

/**
 * A POST that declares `length` bytes (or a chunked body) and sends none: the answer must come before the body (the server closes
 * the connection on a refusal, so sending the body would race it).
 */
function declaredPost(path: string, length: number | 'chunked'): Promise<{ status: number; text: string }> {
  const framing = length === 'chunked' ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(length) }
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${E2E_BASE_URL}${path}`,
      {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x', ...framing, 'next-action': 'anything' },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text })
          req.destroy()
        })
      },
    )
    req.on('error', reject)
    req.flushHeaders()
  })
}

test('public bodies are capped while they stream: protocols at a few dozen KB, forms at 256 KB', async () => {
  const postId = await postIdOf(POST_1.slug)
  for (const [path, type] of [
    ['/xmlrpc', 'text/xml'],
    ['/webmention', 'application/x-www-form-urlencoded'],
    [`/trackback/${postId}`, 'application/x-www-form-urlencoded'],
  ] as const) {
    const { status, sentMb } = await chunkedPost(path, 300, type)
    // 413, or the connection reset under the client's feet after the server stopped reading.
    expect([413, 0], path).toContain(status)
    expect(sentMb, `${path}: answered before the whole body was sent`).toBeLessThan(300)
  }
  // The comment form's action: a declared 1 MB body is refused unread, a chunked one must declare its length.
  const big = await declaredPost(`/posts/${POST_1.slug}`, 1024 * 1024)
  expect(big.status).toBe(413)
  expect(big.text).toMatch(/larger than the 256 KB/)
  expect((await declaredPost(`/posts/${POST_1.slug}`, 'chunked')).status).toBe(411)
  // The admin area's larger cap (uploads) is for signed-in browsers only: proxy.ts would read it all first.
  expect((await declaredPost('/admin/media', 1024 * 1024)).status).toBe(413)
})

test('a signed-in author still uploads an image larger than the public cap', async ({ adminPage: page }) => {
  await page.goto('/admin/media')
  // Noise does not compress: about 1 MB of PNG.
  const noise = Buffer.from(Array.from({ length: 600 * 600 * 3 }, () => Math.floor(Math.random() * 256)))
  const png = await sharp(noise, { raw: { width: 600, height: 600, channels: 3 } })
    .png()
    .toBuffer()
  expect(png.length).toBeGreaterThan(512 * 1024)
  await field(page, 'Image').setInputFiles({ name: 'noise.png', mimeType: 'image/png', buffer: png })
  await field(page, 'Alt text').fill('Coloured noise')
  await page.getByRole('button', { name: 'Upload' }).click()
  await expect(page.getByText('Uploaded “Coloured noise”.')).toBeVisible()
})

test('a refused long comment comes back as typed, not multiplied', async ({ page }) => {
  await page.goto(`/posts/${POST_1.slug}`)
  const postId = await postIdOf(POST_1.slug)
  const content = 'A long thought. '.repeat(12_000) // 192 KB, under the body cap, over the 5,000-character limit
  await page.evaluate(
    (text) => (
      (document.getElementById('comment-content') as HTMLTextAreaElement).removeAttribute('maxlength'),
      ((document.getElementById('comment-content') as HTMLTextAreaElement).value = text)
    ),
    content,
  )
  await page.getByRole('textbox', { name: 'Name' }).fill('Verbose')
  await page.getByRole('textbox', { name: 'Email' }).fill('verbose@example.com')
  await backdateFormToken(page, postId)
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByText('Keep your comment under 5,000 characters')).toBeVisible()
  // The form keeps what was typed, cut at 20,000 characters: never a 192 KB copy (three, counting the RSC payload).
  const kept = await page.getByRole('textbox', { name: 'Comment' }).inputValue()
  expect(kept.length).toBe(20_000)
  expect(content.startsWith(kept)).toBe(true)
})

test('an AUTHOR calling an action on a post that is not theirs gets 403, not 500', async ({
  browser,
  adminPage,
  post,
}) => {
  const author = await createAccount(adminPage)
  // A comment of the admin's post, approved; other tests write comments meanwhile, so this test watches its
  // own and anything the author's name would be written on (lib/comments/actions.ts notes who moderated).
  await addApprovedComment(post.id, {
    name: 'Approved Reader',
    email: `approved.${post.id}@example.com`,
    text: 'Fine.',
  })
  const watched = () =>
    readDb((db) =>
      db.comment.findMany({
        where: { OR: [{ postId: post.id }, { reason: { endsWith: 'by Test author' } }] },
        select: { id: true, status: true, reason: true },
        orderBy: { id: 'asc' },
      }),
    )
  const before = await watched()
  // Capture the admin's real "Unapprove" call from the queue (without letting it through), and replay it as the author.
  let action: import('@playwright/test').Request | undefined
  await adminPage.route('**/admin/comments**', (route) => {
    if (route.request().method() !== 'POST') return route.continue()
    action = route.request()
    return route.abort()
  })
  await adminPage.goto('/admin/comments?status=approved')
  await adminPage
    .getByRole('listitem', { name: 'Comment by Approved Reader' })
    .getByRole('button', { name: 'Unapprove' })
    .click()
  await expect.poll(() => !!action).toBe(true)
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, author.email, author.password)
  const replay = await page.request.post('/admin/comments', {
    headers: {
      'next-action': action!.headers()['next-action']!,
      'content-type': action!.headers()['content-type']!,
      accept: 'text/x-component',
    },
    data: action!.postDataBuffer() ?? Buffer.alloc(0),
    maxRedirects: 0,
  })
  expect(replay.status()).toBe(403)
  expect(await watched()).toEqual(before)
  await context.close()
})

test('shared caches are told to keep pages for seconds, not a month; private pages not at all', async ({ request }) => {
  for (const path of ['/', `/posts/${POST_1.slug}`, '/feed.xml']) {
    const cacheControl = (await request.get(path)).headers()['cache-control']
    expect(cacheControl, path).toMatch(/s-maxage=\d{1,3}\b/)
    expect(cacheControl, path).not.toMatch(/s-maxage=2592000|stale-while-revalidate=28944000/)
  }
  expect((await request.get('/login')).headers()['cache-control']).not.toMatch(/s-maxage=\d{4,}/)
})

test('the import upload refuses Origin: null with 403, not 500', async ({ adminPage: page }) => {
  const response = await page.request.post('/api/import', {
    data: '<rss/>',
    headers: { 'content-type': 'application/xml', origin: 'null' },
  })
  expect(response.status()).toBe(403)
})

test('a server action posted from another site, or from Origin: null, is refused with 403, not 500', async ({
  request,
}) => {
  for (const origin of ['http://evil.example', 'null']) {
    const action = await request.post('/moderate?t=x', {
      headers: { origin, 'next-action': '7f00000000000000000000000000000000000000aa', 'content-type': 'text/plain' },
      data: '[]',
    })
    expect(action.status(), origin).toBe(403)
    const form = await request.post('/login/forgot', { headers: { origin }, form: { email: 'a@example.com' } })
    expect(form.status(), origin).toBe(403)
  }
})

test('TrackBack and Webmention refusals say so in the status; pingback floods get 429', async ({
  request,
  clientAddress,
}) => {
  const postId = await postIdOf(POST_1.slug)
  const address = { 'x-forwarded-for': clientAddress }
  expect((await request.post(`/trackback/${postId}`, { form: { title: 'no url' }, headers: address })).status()).toBe(
    400,
  )
  expect(
    (await request.post('/trackback/no-such-post', { form: { url: 'https://a.example/' }, headers: address })).status(),
  ).toBe(404)
  const ping = (i: number) =>
    request.post('/xmlrpc', {
      headers: { ...address, 'content-type': 'text/xml' },
      data: `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params><param><value><string>http://127.0.0.1:9/source-${i}</string></value></param><param><value><string>${E2E_BASE_URL}/posts/no-such-post-${i}</string></value></param></params></methodCall>`,
    })
  // Sixty a minute from one address pass (a post linking to many of ours pings each); a flood does not.
  const statuses: number[] = []
  for (let i = 0; i < 61; i++) statuses.push((await ping(i)).status())
  expect(statuses.slice(0, 58).every((s) => s === 200)).toBe(true)
  expect(statuses.at(-1)).toBe(429)
  expect((await ping(99)).headers()['retry-after']).toMatch(/^\d+$/)
})

test('no server reference (the cached reads Next registers) gives away a protected post, its password, its comments, the block list or a file', async ({
  adminPage: page,
  request,
  exclusive,
}) => {
  test.setTimeout(90_000)
  await exclusive('settings')
  const secret = {
    slug: `guarded-${Date.now()}`,
    password: `pw-${Math.random().toString(36).slice(2)}`,
    body: `Body marker ${Date.now()}`,
    comment: `Comment marker ${Date.now()}`,
  }
  await page.goto('/admin/posts/new')
  await publishProtectedPost(page, { title: 'A guarded post', ...secret })
  // Unlock it and leave a comment (approved: the admin is signed in).
  await page.goto(`/posts/${secret.slug}`)
  await settled(page)
  await field(page, 'Password').fill(secret.password)
  await page.getByRole('button', { name: 'Enter', exact: true }).click()
  await expect(page.getByText(secret.body)).toBeVisible()
  await page.getByRole('textbox', { name: 'Comment' }).fill(secret.comment)
  await page.getByRole('textbox', { name: 'Name' }).fill('Rob')
  await page.getByRole('textbox', { name: 'Email' }).fill(E2E_ADMIN.email)
  await page.getByRole('button', { name: 'Post comment' }).click()
  const postId = await postIdOf(secret.slug)
  const approved = () =>
    readDb((db) => db.comment.findMany({ where: { postId, status: 'APPROVED' }, select: { id: true } }))
  await expect.poll(async () => (await approved()).length).toBe(1)
  const commentId = (await approved())[0]!.id

  // The block list holds commenters' addresses: as private as the password.
  const blocked = `blocked-${Date.now()}@example.com`
  await page.goto('/admin/settings')
  const blockList = field(page, 'Block list')
  await blockList.fill(`${await blockList.inputValue()}\n${blocked}`.trim())
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()

  // Every cached function of the build, called anonymously by id with every argument shape they take.
  const manifest = JSON.parse(
    readFileSync(`${e2eServerEnv.DAISY_DIST_DIR}/server/server-reference-manifest.json`, 'utf8'),
  ) as { node: Record<string, { filename: string; exportedName: string }> }
  const cached = Object.entries(manifest.node).filter(([, ref]) => ref.exportedName.startsWith('$$RSC_SERVER_CACHE'))
  expect(cached.length).toBeGreaterThan(5)
  const argumentShapes = [
    [secret.slug],
    [postId],
    [{ postId, maxDepth: 5 }],
    [{ postId, limit: 50 }],
    [{ postId, commentId }],
    [{ slug: secret.slug }],
    [secret.slug, postId],
    ['../../package.json'],
    ['../../../.env.local'],
  ]
  for (const [id, ref] of cached) {
    for (const args of argumentShapes) {
      const response = await request.post('/', {
        headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
        data: JSON.stringify(args),
        maxRedirects: 0,
      })
      const text = await response.text()
      for (const leak of [secret.password, secret.body, secret.comment, blocked, '"allowScripts"', 'NEXTAUTH_SECRET'])
        expect(text, `${ref.filename} ${ref.exportedName}(${JSON.stringify(args)})`).not.toContain(leak)
    }
  }
})

test('a page cached before a write is not served stale after a restart', async ({
  browser,
  adminPage: admin,
  post,
}) => {
  test.setTimeout(120_000)
  const port = E2E_PORT + 2
  const origin = `http://localhost:${port}`
  const start = () => startSecondServer(port)
  const stop = stopSecondServer
  const marker = `restart-${Date.now()}`

  // A reader's comment is held; a second server caches the post page without it.
  const reader = await browser.newPage()
  await reader.goto(post.path)
  await reader.getByRole('textbox', { name: 'Comment' }).fill(`${marker}: held, then approved.`)
  await reader.getByRole('textbox', { name: 'Name' }).fill('Restart reader')
  await reader.getByRole('textbox', { name: 'Email' }).fill(`${marker}@example.com`)
  await backdateFormToken(reader, post.id)
  await reader.getByRole('button', { name: 'Post comment' }).click()
  await expect(reader.getByText(`${marker}: held`)).toBeVisible()
  let second = await start()
  for (let i = 0; i < 2; i++) expect(await (await fetch(`${origin}${post.path}`)).text()).not.toContain(marker)

  // The admin approves it in the queue of the main server (which never renders the post page here).
  await admin.goto('/admin/comments')
  await admin.getByRole('listitem').filter({ hasText: marker }).getByRole('button', { name: 'Approve' }).click()
  await expect
    .poll(
      async () =>
        (
          await readDb((db) =>
            db.comment.findFirst({ where: { content: { startsWith: marker } }, select: { status: true } }),
          )
        )?.status,
    )
    .toBe('APPROVED')

  // The second server restarts: the page it had cached must not come back without the comment.
  await stop(second)
  second = await start()
  expect(await (await fetch(`${origin}${post.path}`)).text()).toContain(marker)
  await stop(second)
  await reader.close()
})

test('the minute tick wakes the job queues at the address the server listens on, and says where', async () => {
  test.setTimeout(60_000)
  const port = E2E_PORT + 3
  // Another loopback address, and a PORT naming another port: only the address really listened on works.
  const child = spawn(process.execPath, ['server/main.ts', '-p', String(port)], {
    env: { ...process.env, ...e2eServerEnv, PORT: '1', BIND_ADDRESS: '127.0.0.3' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  try {
    await expect
      .poll(() => output, { timeout: 45_000 })
      .toContain(`daisy: the job queues are woken every minute at http://127.0.0.3:${port}/api/jobs/run`)
    expect(output).not.toContain('could not wake the job queues')
  } finally {
    child.kill()
  }
})
