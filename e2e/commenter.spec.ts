// The commenter's story: comment without JavaScript, get held, keep typed text on errors, reply in a thread.
import { expect, test } from '@playwright/test'
import { POST_1, POST_2 } from './content'
import { E2E_ADMIN, E2E_BASE_URL } from './env'
import { field, queryDb, signIn } from './helpers'

test.describe.configure({ mode: 'serial', timeout: 60_000 })

const POST_URL = `/posts/${POST_1.slug}`
const ALICE = { name: 'Alice Reader', email: 'alice@example.com', url: 'alice.example' }

test('with JavaScript off: a rejected comment keeps what was typed, a sent one awaits moderation', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(POST_URL)
  // The form's time trap: the page may have been rendered just now (an earlier spec's write expired it), and
  // people take a few seconds to write.
  await page.waitForTimeout(3_000)
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill('I *love* this story about daisies.')
  await form.getByLabel('Name', { exact: true }).fill(ALICE.name)
  await form.getByLabel('Email', { exact: true }).fill('not-an-email')
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByText('Enter a valid email address (it is never shown)')).toBeVisible()
  await expect(page.locator('form.comment-form').getByLabel('Comment', { exact: true })).toHaveValue(
    'I *love* this story about daisies.',
  )
  await expect(page.locator('form.comment-form').getByLabel('Name', { exact: true })).toHaveValue(ALICE.name)

  await page.locator('form.comment-form').getByLabel('Email', { exact: true }).fill(ALICE.email)
  await page.locator('form.comment-form').getByLabel('Website (optional)').fill(ALICE.url)
  await page.locator('form.comment-form').getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByText('Your comment is awaiting moderation.', { exact: true })).toBeVisible()
  await expect(page.locator('.held-comments em')).toHaveText('love')
  const [stored] = queryDb<{ status: string; reason: string; authorUrl: string }>(
    `SELECT status, reason, authorUrl FROM "Comment" WHERE authorEmail = ?`,
    ALICE.email,
  )
  expect(stored).toEqual({
    status: 'PENDING',
    reason: 'First comment from this email address',
    authorUrl: 'https://alice.example',
  })
  await context.close()

  // Nobody else sees a held comment.
  const other = await browser.newPage()
  await other.goto(POST_URL)
  await expect(other.getByText('I love this story about daisies.')).toHaveCount(0)
  await expect(other.getByText('Your comment is awaiting moderation.')).toHaveCount(0)
  await other.close()
})

test('with JavaScript: a held comment shows to its author on later visits, and only they ask for it', async ({
  browser,
}) => {
  const postId = queryDb<{ id: string }>(`SELECT id FROM "Post" WHERE slug = ?`, POST_2.slug)[0]!.id
  // A reader of their own (the loopback proxy's X-Forwarded-For): Alice's comments in this file count on hers.
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.71' } })
  const page = await context.newPage()
  const asked: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.startsWith('/api/comments/')) asked.push(url.pathname)
  })
  await page.goto(`/posts/${POST_2.slug}`)
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(3_000) // the time trap
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill('Held until the author has read it.')
  await form.getByLabel('Name', { exact: true }).fill('Bob Held')
  await form.getByLabel('Email', { exact: true }).fill('bob.held@example.com')
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByText('Your comment is awaiting moderation.', { exact: true })).toBeVisible()
  // The cached page's token was good: writing asked the server nothing.
  expect(asked).toEqual([])
  expect((await context.cookies()).find((c) => c.name === 'daisy_held_posts')).toMatchObject({
    value: postId,
    httpOnly: false,
  })

  await page.reload()
  await expect(page.locator('.held-comments')).toContainText('Held until the author has read it.')
  expect(asked).toEqual(['/api/comments/held'])
  // Its other pages ask nothing.
  await page.goto(`/posts/${POST_1.slug}`)
  await page.waitForLoadState('networkidle')
  expect(asked).toEqual(['/api/comments/held'])
  await context.close()

  // A browser whose marker names a post without a held comment of its own asks once; the marker is dropped.
  const stranger = await browser.newContext()
  await stranger.addCookies([{ name: 'daisy_held_posts', value: postId, url: E2E_BASE_URL }])
  const other = await stranger.newPage()
  const held = other.waitForResponse((r) => r.url().includes('/api/comments/held'))
  await other.goto(`/posts/${POST_2.slug}`)
  expect(await (await held).json()).toEqual({ held: [] })
  await expect(other.getByText('Held until the author has read it.')).toHaveCount(0)
  expect((await stranger.cookies()).find((c) => c.name === 'daisy_held_posts')).toBeUndefined()
  await stranger.close()
})

test('the author approves it; the commenter’s next comment is approved at once and anchored', async ({ browser }) => {
  const admin = await browser.newPage()
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password, '/admin/comments')
  const item = admin.getByRole('listitem', { name: `Comment by ${ALICE.name}` })
  await expect(item).toContainText('I love this story about daisies.')
  await expect(item).toContainText('First comment from this email address')
  await item.getByRole('button', { name: /^Approve/ }).click()
  await expect(item).toHaveCount(0)
  await admin.close()

  const page = await browser.newPage()
  await page.goto(POST_URL)
  await expect(page.getByRole('article', { name: `Comment by ${ALICE.name}` })).toContainText(
    'I love this story about daisies.',
  )
  await expect(
    page
      .getByRole('region', { name: /Comments/ })
      .getByRole('heading', { level: 2 })
      .first(),
  ).toHaveText('Comments (1)')
  await page.waitForTimeout(3_000) // the form's time trap: people take a few seconds to write
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill('And a second thought.')
  await form.getByLabel('Name', { exact: true }).fill(ALICE.name)
  await form.getByLabel('Email', { exact: true }).fill(ALICE.email)
  await form.getByRole('checkbox', { name: /Save my name/ }).check()
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page).toHaveURL(/#comment-[a-z0-9]+$/)
  const anchor = new URL(page.url()).hash
  await expect(page.locator(anchor)).toContainText('And a second thought.')
  // Remembered for next time.
  await page.reload()
  await expect(page.locator('form.comment-form').getByLabel('Name', { exact: true })).toHaveValue(ALICE.name)
  await expect(page.locator('form.comment-form').getByLabel('Email', { exact: true })).toHaveValue(ALICE.email)
  await page.close()
})

test('reply to a comment and see the thread, with and without JavaScript', async ({ browser }) => {
  const page = await browser.newPage()
  await page.goto(POST_URL)
  const parent = page.getByRole('article', { name: `Comment by ${ALICE.name}` }).first()
  await parent.getByRole('link', { name: `Reply to ${ALICE.name}` }).click()
  await expect(page.getByRole('heading', { name: `Reply to ${ALICE.name}` })).toBeVisible()
  await page.waitForTimeout(3_000)
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill('Replying in the thread.')
  await form.getByLabel('Name', { exact: true }).fill(ALICE.name)
  await form.getByLabel('Email', { exact: true }).fill(ALICE.email)
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page).toHaveURL(/#comment-/)
  const nested = page.locator('.comment-list .comment-list').getByRole('article', { name: `Comment by ${ALICE.name}` })
  await expect(nested).toContainText('Replying in the thread.')
  await page.close()

  const context = await browser.newContext({ javaScriptEnabled: false })
  const noJs = await context.newPage()
  await noJs.goto(POST_URL)
  await noJs
    .getByRole('link', { name: `Reply to ${ALICE.name}` })
    .first()
    .click()
  await expect(noJs).toHaveURL(/\?replytocom=/)
  await expect(noJs.getByRole('heading', { level: 1 })).toContainText(`Reply to ${ALICE.name}`)
  await noJs.waitForTimeout(3_000)
  await noJs.getByLabel('Comment', { exact: true }).fill('A reply sent without JavaScript.')
  await noJs.getByLabel('Name', { exact: true }).fill(ALICE.name)
  await noJs.getByLabel('Email', { exact: true }).fill(ALICE.email)
  await noJs.getByRole('button', { name: 'Post comment' }).click()
  await expect(noJs).toHaveURL(new RegExp(`${POST_URL}#comment-`))
  await expect(noJs.locator('.comment-list .comment-list')).toContainText('A reply sent without JavaScript.')
  await context.close()
})

test('markup in any field stays inert text', async ({ page }) => {
  // Its own address: the tests above already sent several comments, close to the per-address limit.
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': '198.51.100.72' })
  await page.goto(POST_URL)
  await page.waitForTimeout(3_000)
  const form = page.locator('form.comment-form')
  await form
    .getByLabel('Comment', { exact: true })
    .fill('<img src=x onerror="window.pwned=1"> [x](javascript:window.pwned=1)')
  await form.getByLabel('Name', { exact: true }).fill('<script>window.pwned=1</script>')
  await form.getByLabel('Email', { exact: true }).fill(ALICE.email)
  await form.getByLabel('Website (optional)').fill('javascript:window.pwned=1')
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByText('Enter a web address such as https://example.com')).toBeVisible()
  await form.getByLabel('Website (optional)').fill('')
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page).toHaveURL(/#comment-/)
  await expect(page.getByText('<script>window.pwned=1</script>').first()).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
  await expect(page.locator('.comment-body img')).toHaveCount(0)
  await expect(page.locator('.comment-body a[href^="javascript"]')).toHaveCount(0)
})

test('a bot that fills the honeypot is told it is held, and nothing is stored', async ({ page }) => {
  await page.goto(POST_URL)
  const before = queryDb<{ n: number }>(`SELECT count(*) AS n FROM "Comment"`)[0]!.n
  const blocked = queryDb<{ n: number }>(`SELECT count(*) AS n FROM "BlockedAttempt"`)[0]!.n
  await page.waitForTimeout(3_000)
  await page.locator('#website_url').evaluate((el: HTMLInputElement) => (el.value = 'http://spam.example'))
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill('Buy now')
  await form.getByLabel('Name', { exact: true }).fill('Bot')
  await form.getByLabel('Email', { exact: true }).fill('bot@spam.example')
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByText('Thank you! Your comment is awaiting moderation.')).toBeVisible()
  expect(queryDb<{ n: number }>(`SELECT count(*) AS n FROM "Comment"`)[0]!.n).toBe(before)
  expect(queryDb<{ n: number }>(`SELECT count(*) AS n FROM "BlockedAttempt"`)[0]!.n).toBe(blocked + 1)
})

test('comments closed on a post: no form, and a forged post is refused', async ({ browser }) => {
  const admin = await browser.newPage()
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password, '/admin/posts')
  await admin.getByRole('link', { name: 'Field note 3', exact: true }).click()
  await field(admin, 'Allow comments').uncheck()
  await admin.getByRole('button', { name: 'Update' }).click()
  await expect(admin.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible()
  await admin.close()
  const page = await browser.newPage()
  await page.goto('/posts/field-note-3')
  await expect(page.getByText('Comments are closed.')).toBeVisible()
  await expect(page.locator('form.comment-form')).toHaveCount(0)
  await page.close()
})
