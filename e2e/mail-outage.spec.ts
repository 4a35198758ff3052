// The mail server goes away: comments are still stored and answered, the outbox shows the waiting mail and its
// error, and once the server is back the mail goes out. Alone in its project: other specs wait for their mail.
import { test, expect } from './fixtures'
import { E2E_ADMIN } from './env'
import { sendComment } from './helpers'
import { smtp, waitForMail } from './mail'

test('with the SMTP server down a comment still posts; its mail waits in the outbox and goes once the server is back', async ({
  page,
  adminPage,
  post,
}, testInfo) => {
  const text = `Written during an outage ${testInfo.testId}`
  await smtp('stop')
  try {
    await sendComment(page, post.slug, { text, name: 'Pia', email: `pia-${testInfo.testId}-${Date.now()}@example.org` })
    await expect(page.getByText('Your comment is awaiting moderation.', { exact: true })).toBeVisible()

    // The first attempt failed: the outbox lists the mail as waiting, with the error and the next try.
    const row = adminPage.getByRole('row').filter({ hasText: `Please moderate: “${post.title}”` })
    await expect(async () => {
      await adminPage.goto('/admin/mail')
      await expect(row.getByText(/after 1 tries; next at/)).toBeVisible({ timeout: 1_000 })
    }).toPass({ timeout: 20_000 })
    await expect(row).toContainText(/ECONNREFUSED|connect/i)
    await expect(row.getByText('Waiting')).toBeVisible()

    await smtp('start')
    await row.getByRole('button', { name: /Send again/ }).click()
    const mail = await waitForMail(E2E_ADMIN.email, new RegExp(`Please moderate: “${post.title}”`))
    expect(mail.text).toContain(text)
    await expect(async () => {
      await adminPage.goto('/admin/mail')
      await expect(row.getByText('Sent', { exact: true })).toBeVisible({ timeout: 1_000 })
    }).toPass({ timeout: 20_000 })
  } finally {
    await smtp('start')
  }
})
