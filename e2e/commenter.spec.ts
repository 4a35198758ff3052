// The commenter's story: comment without JavaScript, get held, keep typed text on errors, reply in a thread.
// Each test comments on a post of its own, from an address of its own, past the time trap with a backdated
// form token.
import { addApprovedComment } from './data'
import { readDb } from './db'
import { expect, test } from './fixtures'
import { POST_1 } from './content'
import { E2E_BASE_URL } from './env'
import { backdateFormToken, backdatedFormToken, field, sendComment } from './helpers'

test.describe.configure({ timeout: 60_000 })

/** Alice, with an address of her own per test: the first comment from an address is held. */
const alice = (testId: string) => ({
  name: 'Alice Reader',
  email: `alice.${testId}@example.com`,
  url: 'alice.example',
})

test('with JavaScript off: a rejected comment keeps what was typed, a sent one awaits moderation', async ({
  browser,
  post,
}, testInfo) => {
  const ALICE = alice(testInfo.testId)
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(post.path)
  await backdateFormToken(page, post.id)
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

  await backdateFormToken(page, post.id)
  await page.locator('form.comment-form').getByLabel('Email', { exact: true }).fill(ALICE.email)
  await page.locator('form.comment-form').getByLabel('Website (optional)').fill(ALICE.url)
  await page.locator('form.comment-form').getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByText('Your comment is awaiting moderation.', { exact: true })).toBeVisible()
  await expect(page.locator('.held-comments em')).toHaveText('love')
  const [stored] = await readDb((db) =>
    db.comment.findMany({
      where: { authorEmail: ALICE.email },
      select: { status: true, reason: true, authorUrl: true },
    }),
  )
  expect(stored).toEqual({
    status: 'PENDING',
    reason: 'First comment from this email address',
    authorUrl: 'https://alice.example',
  })
  await context.close()

  // Nobody else sees a held comment.
  const other = await browser.newPage()
  await other.goto(post.path)
  await expect(other.getByText('I love this story about daisies.')).toHaveCount(0)
  await expect(other.getByText('Your comment is awaiting moderation.')).toHaveCount(0)
  await other.close()
})

test('with JavaScript: a held comment shows to its author on later visits, and only they ask for it', async ({
  browser,
  post,
}) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const asked: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.startsWith('/api/comments/')) asked.push(url.pathname)
  })
  await page.goto(post.path)
  await page.waitForLoadState('networkidle')
  await backdateFormToken(page, post.id)
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill('Held until the author has read it.')
  await form.getByLabel('Name', { exact: true }).fill('Bob Held')
  await form.getByLabel('Email', { exact: true }).fill('bob.held@example.com')
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByText('Your comment is awaiting moderation.', { exact: true })).toBeVisible()
  // The page's token was good: writing asked the server nothing.
  expect(asked).toEqual([])
  expect((await context.cookies()).find((c) => c.name === 'daisy_held_posts')).toMatchObject({
    value: post.id,
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
  await stranger.addCookies([{ name: 'daisy_held_posts', value: post.id, url: E2E_BASE_URL }])
  const other = await stranger.newPage()
  const held = other.waitForResponse((r) => r.url().includes('/api/comments/held'))
  await other.goto(post.path)
  expect(await (await held).json()).toEqual({ held: [] })
  await expect(other.getByText('Held until the author has read it.')).toHaveCount(0)
  expect((await stranger.cookies()).find((c) => c.name === 'daisy_held_posts')).toBeUndefined()
  await stranger.close()
})

test('the author approves a held comment; the commenter’s next comment is approved at once and anchored', async ({
  page,
  adminPage,
  post,
}, testInfo) => {
  const ALICE = alice(testInfo.testId)
  await sendComment(page, post.slug, { ...ALICE, text: 'I *love* this story about daisies.' })
  await expect(page.getByText('Your comment is awaiting moderation.', { exact: true })).toBeVisible()

  await adminPage.goto('/admin/comments')
  const item = adminPage.getByRole('listitem', { name: `Comment by ${ALICE.name}` }).filter({ hasText: post.title })
  await expect(item).toContainText('I love this story about daisies.')
  await expect(item).toContainText('First comment from this email address')
  await item.getByRole('button', { name: /^Approve/ }).click()
  await expect(item).toHaveCount(0)

  await page.goto(post.path)
  await expect(page.getByRole('article', { name: `Comment by ${ALICE.name}` })).toContainText(
    'I love this story about daisies.',
  )
  await expect(
    page
      .getByRole('region', { name: /Comments/ })
      .getByRole('heading', { level: 2 })
      .first(),
  ).toHaveText('Comments (1)')
  await backdateFormToken(page, post.id)
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
})

test('reply to a comment and see the thread, with and without JavaScript', async ({ browser, post }, testInfo) => {
  const ALICE = alice(testInfo.testId)
  await addApprovedComment(post.id, { ...ALICE, text: 'I love this story about daisies.' })
  const page = await browser.newPage()
  await page.goto(post.path)
  const parent = page.getByRole('article', { name: `Comment by ${ALICE.name}` }).first()
  await parent.getByRole('link', { name: `Reply to ${ALICE.name}` }).click()
  await expect(page.getByRole('heading', { name: `Reply to ${ALICE.name}` })).toBeVisible()
  await backdateFormToken(page, post.id)
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
  await noJs.goto(post.path)
  await noJs
    .getByRole('link', { name: `Reply to ${ALICE.name}` })
    .first()
    .click()
  await expect(noJs).toHaveURL(/\?replytocom=/)
  await expect(noJs.getByRole('heading', { level: 1 })).toContainText(`Reply to ${ALICE.name}`)
  await backdateFormToken(noJs, post.id)
  await noJs.getByLabel('Comment', { exact: true }).fill('A reply sent without JavaScript.')
  await noJs.getByLabel('Name', { exact: true }).fill(ALICE.name)
  await noJs.getByLabel('Email', { exact: true }).fill(ALICE.email)
  await noJs.getByRole('button', { name: 'Post comment' }).click()
  await expect(noJs).toHaveURL(new RegExp(`${post.path}#comment-`))
  await expect(noJs.locator('.comment-list .comment-list')).toContainText('A reply sent without JavaScript.')
  await context.close()
})

test('markup in any field stays inert text', async ({ page, post }, testInfo) => {
  // A commenter approved before under the same name and email, so the comment shows at once.
  const ALICE = { ...alice(testInfo.testId), name: '<script>window.pwned=1</script>' }
  await addApprovedComment(post.id, { ...ALICE, text: 'An earlier comment.' })
  await page.goto(post.path)
  await backdateFormToken(page, post.id)
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

test('a bot that fills the honeypot is told it is held, and nothing is stored', async ({ page, post }) => {
  const comments = () => readDb((db) => db.comment.count({ where: { postId: post.id } }))
  const blocked = () => readDb((db) => db.blockedAttempt.count({ where: { postId: post.id } }))
  await page.goto(post.path)
  await backdateFormToken(page, post.id)
  await page.locator('#website_url').evaluate((el: HTMLInputElement) => (el.value = 'http://spam.example'))
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill('Buy now')
  await form.getByLabel('Name', { exact: true }).fill('Bot')
  await form.getByLabel('Email', { exact: true }).fill('bot@spam.example')
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByText('Thank you! Your comment is awaiting moderation.')).toBeVisible()
  expect(await comments()).toBe(0)
  expect(
    await readDb((db) => db.comment.findMany({ where: { authorEmail: 'bot@spam.example' }, select: { id: true } })),
  ).toEqual([])
  expect(await blocked()).toBe(1)
})

test('comments closed on a post: no form, and a forged post is refused', async ({ browser, adminPage, post }) => {
  // The form as a browser without JavaScript sends it, captured while comments were open: its fields,
  // including Next's hidden action fields.
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(post.path)
  const fields = await page
    .locator('form.comment-form')
    .evaluate((form: HTMLFormElement) =>
      Object.fromEntries(
        [...new FormData(form).entries()].filter(([, v]) => typeof v === 'string') as [string, string][],
      ),
    )
  const send = (content: string) =>
    page.request.post(post.path, {
      multipart: {
        ...fields,
        form_token: backdatedFormToken(post.id),
        name: 'Forger',
        email: 'forger@example.com',
        content,
      },
      maxRedirects: 0,
    })
  const stored = () => readDb((db) => db.comment.findMany({ where: { postId: post.id }, select: { content: true } }))
  // Well-formed: while comments are open, the same submission is taken (and held, a first comment).
  expect((await send('Sent while comments were open.')).status()).toBeLessThan(400)
  expect(await stored()).toEqual([{ content: 'Sent while comments were open.' }])

  await adminPage.goto(`/admin/posts/${post.id}`)
  await field(adminPage, 'Allow comments').uncheck()
  await adminPage.getByRole('button', { name: 'Update' }).click()
  await expect(adminPage.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible()

  await page.goto(post.path)
  await expect(page.getByText('Comments are closed.')).toBeVisible()
  await expect(page.locator('form.comment-form')).toHaveCount(0)
  // The captured form, sent anyway with a token that is good for this post: refused, and nothing stored.
  const forged = await send('Sent to a closed post.')
  expect(forged.status()).toBeLessThan(500)
  expect(await forged.text()).toContain('Comments are closed on this post.')
  expect(await stored()).toEqual([{ content: 'Sent while comments were open.' }])
  await context.close()
})
