// The author keeps the conversation clean: approve, spam, reply, bulk actions, shortcuts — and the public
// page shows each decision at once.
import { expect, test, type Page } from '@playwright/test'
import { E2E_ADMIN } from './env'
import { queryDb, signIn } from './helpers'

test.describe.configure({ mode: 'serial', timeout: 60_000 })

const POST = { slug: 'field-note-5', title: 'Field note 5' }

/** Comments from strangers, posted as a reader would (each from its own address, past the time trap). */
async function comment(page: Page, name: string, text: string) {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 200) + 1}` })
  await page.goto(`/posts/${POST.slug}`)
  await page.waitForTimeout(3_100)
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill(text)
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByLabel('Email', { exact: true }).fill(`${name.toLowerCase().replace(/\W+/g, '.')}@example.net`)
  await form.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.locator('.held-comments .comment', { hasText: text })).toContainText(
    'Your comment is awaiting moderation.',
  )
}

test('approve, spam, reply as the author and bulk-trash from the queue; the public page follows at once', async ({
  browser,
}) => {
  const reader = await browser.newPage()
  await comment(reader, 'Grace', 'Lovely field notes.')
  await comment(reader, 'Spammy', 'Visit my shop for cheap watches.')
  await comment(reader, 'Bulk One', 'First of two to clean up.')
  await comment(reader, 'Bulk Two', 'Second of two to clean up.')

  const admin = await browser.newPage()
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password, '/admin/comments')
  await expect(admin.getByRole('link', { name: /^Pending \(\d+\)$/ })).toBeVisible()
  const grace = admin.getByRole('listitem', { name: 'Comment by Grace' })
  await expect(grace).toContainText('Why: First comment from this email address')
  await grace.getByRole('button', { name: 'Approve the comment by grace' }).click()
  await expect(grace).toHaveCount(0)
  await reader.goto(`/posts/${POST.slug}`)
  await expect(reader.getByRole('article', { name: 'Comment by Grace' })).toContainText('Lovely field notes.')

  await admin.getByRole('listitem', { name: 'Comment by Spammy' }).getByRole('button', { name: /^Spam/ }).click()
  await expect(admin.getByRole('listitem', { name: 'Comment by Spammy' })).toHaveCount(0)
  expect(queryDb<{ status: string }>(`SELECT status FROM "Comment" WHERE authorName = 'Spammy'`)).toEqual([
    { status: 'SPAM' },
  ])

  // Bulk: tick two, trash them.
  for (const name of ['Bulk One', 'Bulk Two'])
    await admin.getByRole('checkbox', { name: `Select the comment by ${name.toLowerCase()}` }).check()
  await admin.getByLabel('With the selected items').selectOption('trash')
  await admin.getByRole('button', { name: 'Apply' }).click()
  await expect(admin.getByRole('listitem', { name: /Comment by Bulk/ })).toHaveCount(0)
  expect(queryDb<{ status: string }>(`SELECT status FROM "Comment" WHERE authorName LIKE 'Bulk%'`)).toEqual([
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
  await Promise.all([admin.close(), reader.close()])
})

test('keyboard shortcuts moderate the focused item', async ({ browser }) => {
  const reader = await browser.newPage()
  await comment(reader, 'Keyboard Kate', 'Shortcut me.')
  const admin = await browser.newPage()
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password, '/admin/comments')
  const kate = admin.getByRole('listitem', { name: 'Comment by Keyboard Kate' })
  // The shortcuts start once the page's script has run; keep pressing until the first item takes focus.
  await expect(async () => {
    await admin.locator('body').press('j')
    await expect(kate).toBeFocused({ timeout: 500 })
  }).toPass({ timeout: 10_000 })
  await admin.keyboard.press('a')
  await expect(admin.getByRole('listitem', { name: 'Comment by Keyboard Kate' })).toHaveCount(0)
  expect(queryDb<{ status: string }>(`SELECT status FROM "Comment" WHERE authorName = 'Keyboard Kate'`)).toEqual([
    { status: 'APPROVED' },
  ])
  await Promise.all([admin.close(), reader.close()])
})
