// Mail as its readers meet it, through a real SMTP server (scripts/mail-catcher.mjs): the author acts on a held
// comment from the mail without signing in, a commenter confirms, gets a reply, and unsubscribes in one click.
import { test, expect } from './fixtures'
import { E2E_ADMIN } from './env'
import { readDb } from './db'
import { sendComment } from './helpers'
import { linkAfter, mailsTo, waitForMail } from './mail'

test('the author approves a held comment from the mail, after confirming, without signing in; the link works once', async ({
  browser,
  page,
  post,
  newAddress,
}, testInfo) => {
  const text = `Held for a mail ${testInfo.testId}`
  await sendComment(page, post.slug, { text, name: 'Mara', email: `mara-${testInfo.testId}-${Date.now()}@example.org` })
  await expect(page.getByText('Your comment is awaiting moderation.', { exact: true })).toBeVisible()

  const mail = await waitForMail(E2E_ADMIN.email, new RegExp(`Please moderate: “${post.title}”`))
  expect(mail.text).toContain(text)
  expect(mail.text).toContain('Held because: First comment from this email address')
  expect(mail.from).toMatch(/<blog@daisy\.example>$/)
  expect(mail.headers['message-id']).toMatch(/^<[\w-]+@localhost>$/)
  expect(mail.html).toContain(text)
  const approve = linkAfter(mail, 'Approve')

  // A stranger's browser (no session): the link shows what it would do; only the button does it.
  const reader = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': newAddress() } })
  const tab = await reader.newPage()
  await tab.goto(approve)
  await expect(tab.getByRole('heading', { level: 1, name: 'Approve this comment?' })).toBeVisible()
  await expect(tab.getByText(text)).toBeVisible()
  await tab.goto(post.path)
  await expect(tab.getByText(text)).toHaveCount(0)
  await tab.goto(approve)
  await tab.getByRole('button', { name: 'Approve' }).click()
  await expect(tab.getByRole('status')).toHaveText('The comment is approved.')
  await tab.getByRole('link', { name: 'See the post' }).click()
  await expect(tab.getByRole('article', { name: 'Comment by Mara' })).toContainText(text)

  // Used once: the same link now says so.
  await tab.goto(approve)
  await expect(tab.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible()
  await expect(tab.getByText('This moderation link has already been used. Each link works once.')).toBeVisible()
  await reader.close()
})

test('a commenter confirms, hears about a reply, and one POST to List-Unsubscribe stops the next mail', async ({
  page,
  adminPage,
  post,
  request,
}, testInfo) => {
  // Fresh each run: an address gets one confirmation mail per quarter of an hour.
  const email = `nell-${testInfo.testId}-${Date.now()}@example.org`
  await sendComment(page, post.slug, { text: 'Does this work with roses too?', name: 'Nell', email, notify: true })
  await expect(page.getByText(/confirm with the link we just mailed you/)).toBeVisible()

  const confirm = await waitForMail(email, /Confirm: mail about replies to your comment/)
  await page.goto(linkAfter(confirm, 'Yes, send me these mails'))
  await expect(page.getByRole('heading', { level: 1, name: 'Mail about replies to your comment?' })).toBeVisible()
  await page.getByRole('button', { name: 'Yes, send me these mails' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Subscription confirmed' })).toBeVisible()

  // The author replies from the admin area (which approves the held comment too): Nell gets one mail.
  const { id } = await readDb((db) =>
    db.comment.findFirstOrThrow({ where: { authorEmail: email }, select: { id: true } }),
  )
  await adminPage.goto(`/admin/comments/${id}`)
  await adminPage.getByLabel('Your reply').fill('Roses too, yes.')
  await adminPage.getByRole('button', { name: 'Publish reply' }).click()
  await expect(adminPage.getByText('Reply published.')).toBeVisible()

  const reply = await waitForMail(email, /replied to your comment/)
  expect(reply.text).toContain('Roses too, yes.')
  expect(reply.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
  const oneClick = /^<(https?:\/\/[^>]+)>$/.exec(reply.headers['list-unsubscribe'] ?? '')?.[1]
  expect(oneClick).toBeTruthy()
  expect(reply.text).toMatch(/Unsubscribe: http/)

  // What a mail program sends for a one-click unsubscribe: no cookies, no page.
  const done = await request.post(oneClick!, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: 'List-Unsubscribe=One-Click',
  })
  expect(done.status()).toBe(200)

  // A second reply: the admin hears of nothing new (their own), Nell gets nothing. The author's next held-comment
  // mail is the marker that the queue has moved past it.
  await adminPage.goto(`/admin/comments/${id}`)
  await adminPage.getByLabel('Your reply').fill('And tulips.')
  await adminPage.getByRole('button', { name: 'Publish reply' }).click()
  await expect(adminPage.getByText('Reply published.')).toBeVisible()
  const marker = `Marker ${testInfo.testId}`
  await sendComment(page, post.slug, { text: marker, name: 'Otto', email: `otto-${testInfo.testId}@example.org` })
  await expect
    .poll(async () => (await mailsTo(E2E_ADMIN.email)).some((m) => m.text.includes(marker)), { timeout: 20_000 })
    .toBe(true)
  expect((await mailsTo(email)).filter((m) => /replied/.test(m.subject))).toHaveLength(1)

  // The visible link in the mail leads to a page that says it has ended.
  await page.goto(linkAfter({ ...reply, text: reply.text.replace(/^Unsubscribe: /m, 'Unsubscribe:\n') }, 'Unsubscribe'))
  await expect(page.getByRole('heading', { level: 1, name: 'Nothing to end' })).toBeVisible()
})
