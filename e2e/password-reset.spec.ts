// Passwords by mail: a writer who forgot theirs sets a new one through the mailed link (once, and not after it
// expired); an admin invites a writer, who chooses a first password from the invitation and signs in.
import { randomBytes } from 'node:crypto'
import { createUser, expireLinkTokens } from './data'
import { readDb } from './db'
import { expect, test } from './fixtures'
import { apiSignIn, field, signIn } from './helpers'
import { linkAfter, waitForMail, waitForMails } from './mail'

const RESET_SENT = 'If an account uses that address, a link to set a new password is on its way. It works for an hour.'

test('a writer who forgot the password sets a new one through the mailed link, which then works no more', async ({
  page,
  request,
}) => {
  const writer = await createUser('AUTHOR', 'Forgetful Writer')
  await page.goto('/login')
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible()
  await field(page, 'Email').fill(writer.email)
  await page.getByRole('button', { name: 'Send me a link' }).click()
  await expect(page.getByRole('status').filter({ hasText: RESET_SENT })).toBeVisible()

  const link = linkAfter(await waitForMail(writer.email, /Reset your password$/), 'Set a new password')
  expect(new URL(link).pathname).toBe('/login/reset')
  await page.goto(link)
  await expect(page.getByRole('heading', { name: 'Set a new password' })).toBeVisible()
  await expect(page.getByText(`For ${writer.email}.`)).toBeVisible()

  // Two different passwords are refused, and nothing is used up.
  const password = `new-${randomBytes(6).toString('hex')}-password`
  await field(page, /^New password$/).fill(password)
  await field(page, 'New password again').fill(`${password}x`)
  await page.getByRole('button', { name: 'Set password' }).click()
  await expect(page.getByText('The two new passwords differ')).toBeVisible()

  await field(page, /^New password$/).fill(password)
  await field(page, 'New password again').fill(password)
  await page.getByRole('button', { name: 'Set password' }).click()
  await expect(page).toHaveURL(/\/login\?reset=1$/)
  await expect(page.getByText('Your password is set. Sign in with it.')).toBeVisible()
  expect(await apiSignIn(request, writer.email, writer.password)).not.toBeNull()
  await signIn(page, writer.email, password)

  await page.goto(link)
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible()
  await expect(page.getByText('This password reset link has already been used. Each link works once.')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/login/forgot')
})

test('an address without an account gets the same answer, and no mail', async ({ page }) => {
  const nobody = `nobody-${randomBytes(5).toString('hex')}@example.com`
  await page.goto('/login/forgot')
  await field(page, 'Email').fill(nobody)
  await page.getByRole('button', { name: 'Send me a link' }).click()
  await expect(page.getByRole('status').filter({ hasText: RESET_SENT })).toBeVisible()
  expect(await readDb((db) => db.mail.findMany({ where: { to: nobody }, select: { id: true } }))).toHaveLength(0)
})

test('the forgot form works without JavaScript, and keeps a mistyped address', async ({ browser, clientAddress }) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    extraHTTPHeaders: { 'x-forwarded-for': clientAddress },
  })
  const page = await context.newPage()
  const writer = await createUser('AUTHOR', 'Plain Writer')
  await page.goto('/login/forgot')
  await field(page, 'Email').fill('not an address')
  await page.getByRole('button', { name: 'Send me a link' }).click()
  await expect(page.getByText('Enter the email address of your account')).toBeVisible()
  await expect(field(page, 'Email')).toHaveValue('not an address')

  await field(page, 'Email').fill(writer.email)
  await page.getByRole('button', { name: 'Send me a link' }).click()
  await expect(page.getByRole('status').filter({ hasText: RESET_SENT })).toBeVisible()
  await waitForMail(writer.email, /Reset your password$/)
  await context.close()
})

test('an expired reset link is refused, with a way to ask for a new one', async ({ page }) => {
  const writer = await createUser('AUTHOR', 'Late Writer')
  await page.goto('/login/forgot')
  await field(page, 'Email').fill(writer.email)
  await page.getByRole('button', { name: 'Send me a link' }).click()
  const link = linkAfter(await waitForMail(writer.email, /Reset your password$/), 'Set a new password')
  await expireLinkTokens(writer.id, 'reset')

  await page.goto(link)
  await expect(page.getByText('This password reset link has expired.')).toBeVisible()
  await expect(page.getByLabel(/^New password$/)).toHaveCount(0)
  await page.getByRole('link', { name: 'Ask for a new link' }).click()
  await expect(page).toHaveURL(/\/login\/forgot$/)
})

test('an admin invites a writer, who chooses a password from the mail and signs in', async ({ adminPage, page }) => {
  const email = `invited-${randomBytes(5).toString('hex')}@example.com`
  await adminPage.goto('/admin/users')
  const form = adminPage.locator('form').filter({ has: adminPage.getByRole('heading', { name: 'Add a user' }) })
  await form.getByLabel('Email', { exact: true }).fill(email)
  await form.getByLabel('Name', { exact: true }).fill('Invited Writer')
  await form.getByLabel('Send an invitation mail').check()
  await form.getByRole('button', { name: 'Add user' }).click()
  await expect(form.getByRole('status')).toHaveText(`Invited ${email}: the mail is on its way.`)
  const [first] = await waitForMails(email, /invited you to write on /)
  expect(await readDb((db) => db.user.findMany({ where: { email }, select: { passwordHash: true } }))).toEqual([
    { passwordHash: null },
  ])

  // A second invitation: the first link stops working.
  await adminPage.getByRole('button', { name: `Send invitation again to ${email}` }).click()
  const mails = await waitForMails(email, /invited you to write on /, 2)
  const firstLink = linkAfter(first!, 'Choose your password')
  const link = linkAfter(mails[1]!, 'Choose your password')
  expect(link).not.toBe(firstLink)
  await page.goto(firstLink)
  await expect(page.getByText('This invitation link has already been used.')).toBeVisible()

  await page.goto(link)
  await expect(page.getByRole('heading', { name: /^Choose a password for your account on / })).toBeVisible()
  const password = `first-${randomBytes(6).toString('hex')}-password`
  await field(page, /^New password$/).fill(password)
  await field(page, 'New password again').fill(password)
  await page.getByRole('button', { name: 'Choose password' }).click()
  await expect(page).toHaveURL(/\/login\?reset=1$/)
  await signIn(page, email, password)
})
