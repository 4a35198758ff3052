// The author keeps the conversation clean: approve, spam, reply, bulk actions, shortcuts — and the public
// page shows each decision at once.
import type { Page } from '@playwright/test'
import { expect, test, type TestPost } from './fixtures'
import { readDb } from './db'
import { sendComment } from './helpers'
import type { Prisma } from '../lib/generated/prisma/client'

test.describe.configure({ timeout: 60_000 })

/** The stored status of each comment `where` picks. */
function statuses(where: Prisma.CommentWhereInput) {
  return readDb((db) => db.comment.findMany({ where, select: { status: true } }))
}

/** Comments from strangers, posted as a reader would (each from its own address, past the time trap). */
async function comment(page: Page, post: TestPost, address: string, name: string, text: string) {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': address })
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${post.id.slice(-8)}@example.net`
  await sendComment(page, post.slug, { text, name, email })
  await expect(page.locator('.held-comments .comment', { hasText: text })).toContainText(
    'Your comment is awaiting moderation.',
  )
}

test('approve, spam, reply as the author and bulk-trash from the queue; the public page follows at once', async ({
  browser,
  adminPage: admin,
  post: POST,
  newAddress,
  exclusive,
}) => {
  const reader = await browser.newPage()
  await comment(reader, POST, newAddress(), 'Grace', 'Lovely field notes.')
  await comment(reader, POST, newAddress(), 'Spammy', 'Visit my shop for cheap watches.')
  await comment(reader, POST, newAddress(), 'Bulk One', 'First of two to clean up.')
  await comment(reader, POST, newAddress(), 'Bulk Two', 'Second of two to clean up.')

  await admin.goto('/admin/comments')
  await expect(admin.getByRole('link', { name: /^Pending \(\d+\)$/ })).toBeVisible()
  const grace = admin.getByRole('listitem', { name: 'Comment by Grace' })
  await expect(grace).toContainText('Why: First comment from this email address')
  await grace.getByRole('button', { name: 'Approve the comment by grace' }).click()
  await expect(grace).toHaveCount(0)
  await reader.goto(`/posts/${POST.slug}`)
  await expect(reader.getByRole('article', { name: 'Comment by Grace' })).toContainText('Lovely field notes.')

  await admin.getByRole('listitem', { name: 'Comment by Spammy' }).getByRole('button', { name: /^Spam/ }).click()
  await expect(admin.getByRole('listitem', { name: 'Comment by Spammy' })).toHaveCount(0)
  expect(await statuses({ authorName: 'Spammy', postId: POST.id })).toEqual([{ status: 'SPAM' }])

  // Bulk: tick two, trash them. The trash is the blog's: no other test fills or empties it meanwhile.
  await exclusive('comment-trash')
  for (const name of ['Bulk One', 'Bulk Two'])
    await admin.getByRole('checkbox', { name: `Select the comment by ${name.toLowerCase()}` }).check()
  await admin.getByLabel('With the selected items').selectOption('trash')
  await admin.getByRole('button', { name: 'Apply' }).click()
  await expect(admin.getByRole('listitem', { name: /Comment by Bulk/ })).toHaveCount(0)
  expect(await statuses({ authorName: { startsWith: 'Bulk' }, postId: POST.id })).toEqual([
    { status: 'TRASH' },
    { status: 'TRASH' },
  ])
  await admin.getByRole('link', { name: /^Trash \(\d+\)$/ }).click()
  await expect(admin.getByRole('listitem', { name: /Comment by Bulk/ })).toHaveCount(2)

  // Reply as the author from the approved tab.
  await admin.getByRole('link', { name: /^Approved/ }).click()
  await admin
    .getByRole('listitem', { name: 'Comment by Grace' })
    .getByRole('link', { name: /Edit or reply/ })
    .click()
  await admin.getByLabel('Your reply').fill('Thank you, Grace!')
  await admin.getByRole('button', { name: 'Publish reply' }).click()
  await expect(admin.getByText('Reply published.')).toBeVisible()
  await reader.goto(`/posts/${POST.slug}`)
  const reply = reader.locator('.comment-list .comment-list').getByRole('article', { name: 'Comment by Rob La Gesse' })
  await expect(reply).toContainText('Thank you, Grace!')
  await expect(reply.getByText('Author')).toBeVisible()

  // Emptying the trash needs the confirmation.
  await admin.goto('/admin/comments?status=trash')
  await admin.getByRole('checkbox', { name: /Yes, delete all \d+ trashed items/ }).check()
  await admin.getByRole('button', { name: 'Empty trash' }).click()
  await expect(admin.getByRole('link', { name: /^Trash \(0\)$/ })).toBeVisible()
  await reader.close()
})

test('keyboard shortcuts moderate the focused item', async ({
  page: reader,
  adminPage: admin,
  post,
  clientAddress,
}) => {
  await comment(reader, post, clientAddress, 'Keyboard Kate', 'Shortcut me.')
  await admin.goto('/admin/comments')
  const kate = admin.getByRole('listitem', { name: 'Comment by Keyboard Kate' })
  // The shortcuts start once the page's script has run; keep pressing until the first item takes focus.
  await expect(async () => {
    await admin.locator('body').press('j')
    await expect(kate).toBeFocused({ timeout: 500 })
  }).toPass({ timeout: 10_000 })
  await admin.keyboard.press('a')
  await expect(admin.getByRole('listitem', { name: 'Comment by Keyboard Kate' })).toHaveCount(0)
  expect(await statuses({ authorName: 'Keyboard Kate', postId: post.id })).toEqual([{ status: 'APPROVED' }])
})
