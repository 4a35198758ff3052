// Nobody but the right user gets into the admin area: pages, actions and forged server-action calls.
import type { Page, Request } from '@playwright/test'
import { expect, test } from './fixtures'
import { E2E_BASE_URL } from './env'
import { readSetting } from './data'
import { readDb } from './db'
import { ADMIN_ONLY_PAGES, AUTHOR_PAGES, field, postIdOf, signIn } from './helpers'

// Every admin page and the export downloads.
const ADMIN_PAGES = [...AUTHOR_PAGES, ...ADMIN_ONLY_PAGES, '/admin/export/wxr', '/admin/export/json']
const AUTHOR = { email: 'author@example.com', name: 'Ada Author', password: 'author-password-12345' }

test('anonymous visitors of every admin page are sent to sign in', async ({ page }) => {
  for (const path of ADMIN_PAGES) {
    const response = await page.request.get(path, { maxRedirects: 0 })
    expect(response.status(), path).toBe(307)
    expect(response.headers().location, path).toBe(`/login?callbackUrl=${encodeURIComponent(path)}`)
  }
  await page.goto('/admin/posts')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fposts$/)
})

/** Submits a form while recording the server-action request it makes, so a test can replay it. */
async function captureAction(page: Page, submit: () => Promise<void>): Promise<Request> {
  const captured = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action'])
  await submit()
  return captured
}

async function replay(page: Page, request: Request, headers: Record<string, string> = {}) {
  const original = request.headers()
  // Posted to the home page, which the proxy does not guard: only the action's own check stands in the way.
  return page.request.post('/', {
    headers: {
      'next-action': original['next-action']!,
      'content-type': original['content-type']!,
      accept: 'text/x-component',
      ...headers,
    },
    data: request.postDataBuffer() ?? Buffer.alloc(0),
    maxRedirects: 0,
  })
}

test('an ADMIN creates an AUTHOR; the AUTHOR is refused ADMIN pages and ADMIN actions', async ({
  browser,
  adminPage: admin,
  exclusive,
}) => {
  // The site title is changed for a moment: no other test may save the settings form meanwhile.
  await exclusive('settings')
  await admin.goto('/admin/users')
  await field(admin, 'Email').fill(AUTHOR.email)
  await field(admin, 'Name').fill(AUTHOR.name)
  await field(admin, 'Password').fill(AUTHOR.password)
  await admin.getByRole('button', { name: 'Add user' }).click()
  await expect(admin.getByText(`Created ${AUTHOR.email} (author).`)).toBeVisible()

  // Capture a real ADMIN action (saving settings) to replay as others.
  await admin.goto('/admin/settings')
  await field(admin, 'Site title').fill('Captured Title')
  const settingsAction = await captureAction(admin, () => admin.getByRole('button', { name: 'Save settings' }).click())
  await expect(admin.getByText('Settings saved.')).toBeVisible()
  await field(admin, 'Site title').fill('Rob La Gesse')
  await admin.getByRole('button', { name: 'Save settings' }).click()
  await expect(admin.getByText('Settings saved.')).toBeVisible()
  const title = () => readSetting('siteTitle')

  // Anonymous replay: nothing changes.
  const anonymous = await browser.newContext()
  const anonPage = await anonymous.newPage()
  const anonResponse = await replay(anonPage, settingsAction)
  expect(anonResponse.status()).toBeLessThan(500)
  expect(await title()).toBe('Rob La Gesse')

  // The AUTHOR: admin-only pages refuse, the replayed ADMIN action changes nothing.
  const authorContext = await browser.newContext()
  const author = await authorContext.newPage()
  await signIn(author, AUTHOR.email, AUTHOR.password)
  for (const path of ADMIN_ONLY_PAGES) {
    await author.goto(path)
    await expect(author.getByRole('heading', { level: 1 }), path).toHaveText('Not allowed')
  }
  expect((await author.request.get('/admin/export/json')).status()).toBe(403)
  expect((await author.request.get('/admin/export/wxr')).status()).toBe(403)
  const importAttempt = await author.request.post('/api/import', {
    data: '<rss/>',
    headers: { 'content-type': 'application/xml', origin: E2E_BASE_URL },
  })
  expect(importAttempt.status()).toBe(403)
  expect((await author.request.get('/api/import/progress')).status()).toBe(403)
  await expect(author.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Settings' })).toHaveCount(0)
  const authorResponse = await replay(author, settingsAction)
  expect(authorResponse.status()).toBeLessThan(500)
  expect(await title()).toBe('Rob La Gesse')

  // The AUTHOR sees only their own posts, and cannot open the admin's.
  await author.goto('/admin/posts')
  await expect(author.getByRole('link', { name: /Trash \(0\)/ })).toBeVisible()
  await expect(author.getByRole('link', { name: 'It is now all customers, all the time, I think' })).toHaveCount(0)
  const adminPostId = await postIdOf('it-is-now-all-customers-all-the-time-i-think')
  await author.goto(`/admin/posts/${adminPostId}`)
  await expect(author.getByRole('heading', { level: 1 })).toHaveText('Page not found')

  await Promise.all([anonymous.close(), authorContext.close()])
})

test('a forged call of a post action without a session changes nothing', async ({ browser, adminPage: admin }) => {
  await admin.goto('/admin/posts/new')
  await field(admin, 'Title').fill('Forgery target')
  await field(admin, 'Body (Markdown)').fill('Original text.')
  await field(admin, 'Slug').fill('forgery-target')
  const createAction = await captureAction(admin, () => admin.getByRole('button', { name: 'Publish now' }).click())
  await expect(admin).toHaveURL(/\?saved=1$/)
  // Other tests write posts meanwhile: count those the replayed call could have made.
  const forgeries = () => readDb((db) => db.post.count({ where: { title: 'Forgery target' } }))
  const before = await forgeries()
  expect(before).toBe(1)

  const anonymous = await browser.newContext()
  const response = await replay(await anonymous.newPage(), createAction)
  expect(response.status()).toBeLessThan(500)
  expect(await forgeries()).toBe(before)
  await anonymous.close()
})
