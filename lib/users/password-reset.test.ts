// Password links on a real database, with the mail going through a real SMTP server: what is mailed, what a
// link does once, and what is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { verifyPassword } from '@/lib/auth/password'
import { startSession } from '@/lib/auth/sessions'
import { mailJobs } from '@/lib/mail/outbox'
import { makeUser, unique } from '@/lib/test/fixtures'
import { startMailCatcher } from '../../scripts/lib/mail-catcher.ts'
import {
  checkPasswordLink,
  requestPasswordReset,
  RESET_SENT,
  sendInvitation,
  setPasswordWithLink,
} from './password-reset'

const HOUR = 3_600_000
const NEW_PASSWORD = 'correct horse battery staple'

let catcher: Awaited<ReturnType<typeof startMailCatcher>>

beforeAll(async () => {
  catcher = await startMailCatcher()
  process.env.SMTP_URL = catcher.url
  process.env.MAIL_FROM = 'blog@daisy.test'
})

afterAll(async () => {
  delete process.env.SMTP_URL
  delete process.env.MAIL_FROM
  await catcher?.stop()
})

/** An address of its own per request, so the per-address limit refuses only the test that asks for it. */
const address = () => `198.51.100.${unique()}`

/** Sends what is queued, then the mails that reached `to`. */
async function mailsTo(to: string) {
  await mailJobs.run()
  return catcher.to(to)
}

/** The URL under "Label:" in a mail's text part, and its token. */
function linkIn(mail: { text: string }, label: string) {
  const lines = mail.text.split('\n')
  const at = lines.findIndex((line) => line.trim() === `${label}:`)
  expect(at, `a “${label}” link in:\n${mail.text}`).toBeGreaterThanOrEqual(0)
  const url = new URL(lines[at + 1]!.trim())
  return { url, token: url.searchParams.get('t')! }
}

async function resetLinkFor(email: string, now?: Date) {
  expect(await requestPasswordReset(email, address(), now)).toEqual({ ok: true })
  const mails = await mailsTo(email)
  return linkIn(mails.at(-1)!, 'Set a new password').token
}

describe('requestPasswordReset', () => {
  it('mails a known address a link that opens the reset page for its account', async () => {
    const user = await makeUser()
    expect(await requestPasswordReset(user.email.toUpperCase(), address())).toEqual({ ok: true })
    const [mail, ...more] = await mailsTo(user.email)
    expect(more).toHaveLength(0)
    expect(mail!.subject).toMatch(/^\[.+\] Reset your password$/)
    expect(mail!.from).toContain('blog@daisy.test')
    expect(mail!.text).toContain('expires in an hour')
    expect(mail!.text).toContain('ignore this mail: nothing changes')
    const { url, token } = linkIn(mail!, 'Set a new password')
    expect(url.pathname).toBe('/login/reset')
    expect(mail!.html).toContain(`/login/reset?t=${token}`)
    expect(await checkPasswordLink(token)).toEqual({ ok: true, purpose: 'reset', userId: user.id, email: user.email })
  })

  it('answers an unknown address the same, and queues nothing and stores no link', async () => {
    const before = { mails: await db.mail.count(), links: await db.linkToken.count() }
    expect(await requestPasswordReset(`nobody${unique()}@daisy.test`, address())).toEqual({ ok: true })
    expect({ mails: await db.mail.count(), links: await db.linkToken.count() }).toEqual(before)
    expect(RESET_SENT).toMatch(/^If an account uses that address/)
  })

  it('makes the older link useless when a new one is asked for', async () => {
    const user = await makeUser()
    const first = await resetLinkFor(user.email)
    const second = await resetLinkFor(user.email)
    expect(await checkPasswordLink(first)).toMatchObject({ ok: false, purpose: 'reset' })
    expect(await checkPasswordLink(second)).toMatchObject({ ok: true })
  })

  it('mails one account three links an hour at most, and answers a fourth request the same: the newest link works', async () => {
    const user = await makeUser()
    for (let i = 0; i < 3; i++) expect(await requestPasswordReset(user.email, address())).toEqual({ ok: true })
    // Strangers asked three times: the owner's own request is not refused…
    expect(await requestPasswordReset(user.email, address())).toEqual({ ok: true })
    // …no fourth mail goes out, and the last link strangers caused is still good in the owner's mailbox.
    const mails = await mailsTo(user.email)
    expect(mails).toHaveLength(3)
    expect(await checkPasswordLink(linkIn(mails.at(-1)!, 'Set a new password').token)).toMatchObject({ ok: true })
  })

  it('refuses a sixth request from one address within a quarter of an hour, for any account', async () => {
    const ip = address()
    for (let i = 0; i < 5; i++)
      expect(await requestPasswordReset(`someone${unique()}@daisy.test`, ip)).toEqual({ ok: true })
    const refused = await requestPasswordReset(`someone${unique()}@daisy.test`, ip)
    expect(refused).toMatchObject({ ok: false })
  })
})

describe('setPasswordWithLink', () => {
  it('sets the password once: the same link is refused afterwards', async () => {
    const user = await makeUser()
    const token = await resetLinkFor(user.email)
    expect(await setPasswordWithLink(token, NEW_PASSWORD)).toEqual({ ok: true, email: user.email })
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(await verifyPassword(NEW_PASSWORD, passwordHash)).toBe(true)

    expect(await setPasswordWithLink(token, 'another password entirely')).toEqual({
      ok: false,
      problem: 'This password reset link has already been used. Each link works once.',
    })
    expect(await checkPasswordLink(token)).toMatchObject({ ok: false })
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(after.passwordHash).toBe(passwordHash)
  })

  it('refuses a link issued more than an hour ago', async () => {
    const user = await makeUser()
    const token = await resetLinkFor(user.email, new Date(Date.now() - HOUR - 60_000))
    expect(await checkPasswordLink(token)).toEqual({
      ok: false,
      purpose: 'reset',
      problem: 'This password reset link has expired.',
    })
    expect(await setPasswordWithLink(token, NEW_PASSWORD)).toMatchObject({ ok: false })
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull()
  })

  it('refuses a token that was never issued', async () => {
    const problem = 'This password link is not valid. Check that the whole address was copied from the mail.'
    expect(await checkPasswordLink('x'.repeat(43))).toEqual({ ok: false, purpose: null, problem })
    expect(await setPasswordWithLink('not a token', NEW_PASSWORD)).toMatchObject({ ok: false, problem })
  })

  it('ends every session of the account and clears its sign-in brake', async () => {
    const user = await makeUser()
    await startSession(user.id, { userAgent: 'Laptop', ip: '192.0.2.1' })
    await startSession(user.id, { userAgent: 'Phone', ip: '192.0.2.2' })
    await db.loginThrottle.create({
      data: {
        key: `account:${user.email}`,
        failures: 30,
        lastFailure: new Date(),
        blockedUntil: new Date(Date.now() + HOUR),
      },
    })
    const token = await resetLinkFor(user.email)
    await setPasswordWithLink(token, NEW_PASSWORD)
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
    expect(await db.loginThrottle.count({ where: { key: `account:${user.email}` } })).toBe(0)
  })
})

describe('sendInvitation', () => {
  it('mails a link to choose a first password; a second invitation makes the first link useless', async () => {
    const user = await makeUser()
    expect(await sendInvitation(user.id, 'Ada Admin')).toEqual({ ok: true, email: user.email })
    const [first] = await mailsTo(user.email)
    expect(first!.subject).toMatch(/^Ada Admin invited you to write on .+$/)
    expect(first!.text).toContain('expires in 7 days')
    const firstLink = linkIn(first!, 'Choose your password')
    expect(firstLink.url.pathname).toBe('/login/reset')
    expect(await checkPasswordLink(firstLink.token)).toMatchObject({ ok: true, purpose: 'invite', email: user.email })

    await sendInvitation(user.id, 'Ada Admin')
    const second = linkIn((await mailsTo(user.email))[1]!, 'Choose your password')
    expect(await checkPasswordLink(firstLink.token)).toMatchObject({ ok: false, purpose: 'invite' })
    expect(await setPasswordWithLink(second.token, NEW_PASSWORD)).toEqual({ ok: true, email: user.email })
    expect(await sendInvitation(user.id, 'Ada Admin')).toEqual({
      ok: false,
      message: `${user.email} has a password already.`,
    })
    expect(await mailsTo(user.email)).toHaveLength(2)
  })
})
