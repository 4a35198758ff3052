// Password links: "Forgot your password?" mails a reset link (an hour), an admin's invitation mails a link to
// choose the first password (7 days); both lead to /login/reset, where the link sets the password once.
import 'server-only'
import { db } from '@/lib/db'
import { checkLinkToken, issueLinkToken, linkProblem, revokeLinkTokens, redeemLinkToken } from '@/lib/auth/link-tokens'
import { hashPassword } from '@/lib/auth/password'
import { endUserSessions } from '@/lib/auth/sessions'
import { clearAccountThrottle } from '@/lib/auth/throttle'
import { RateLimit } from '@/lib/http/rate-limit'
import { composeMail } from '@/lib/mail/compose'
import { mailSite, queueMail, writeMailAfterResponse } from '@/lib/mail/outbox'

export type PasswordLinkPurpose = 'reset' | 'invite'

/** How the link is named where it fails ("This invitation link has expired."). */
const LINK_NAME: Record<PasswordLinkPurpose, string> = { reset: 'password reset', invite: 'invitation' }

// Reset mail is a nuisance to whoever receives it unasked: a few per address, fewer per account.
const perClient = new RateLimit('password-reset-client', [{ points: 5, duration: 15 * 60 }])
const perAccount = new RateLimit('password-reset-account', [{ points: 3, duration: 60 * 60 }])

/** Said whether or not an account uses the address, so the form tells nobody which addresses have accounts. */
export const RESET_SENT =
  'If an account uses that address, a link to set a new password is on its way. It works for an hour.'

export type ResetRequest = { ok: true } | { ok: false; waitSeconds: number }

/**
 * "Forgot your password?" for `email` from the client at `ip`. The answer is the same whether an account uses
 * the address or not, and so is the work done before answering: the mail is written after the response.
 */
export async function requestPasswordReset(email: string, ip: string, now = new Date()): Promise<ResetRequest> {
  const address = email.trim().toLowerCase()
  const wait = await perClient.consume(ip)
  if (wait) return { ok: false, waitSeconds: wait }
  // The account's limit only stops more mail: strangers asking for someone's address must not get the owner
  // refused. Their links are already in the owner's mailbox (the newest still works: none is revoked here).
  if (await perAccount.consume(address)) return { ok: true }
  const user = await db.user.findUnique({ where: { email: address }, select: { id: true, email: true } })
  // A new link makes the older ones useless; for an unknown address this matches nothing, at the same cost.
  await revokeLinkTokens(user?.id ?? '', 'reset', now)
  if (user) await writeMailAfterResponse('a password reset', () => mailResetLink(user, now))
  return { ok: true }
}

async function mailResetLink(user: { id: string; email: string }, now: Date) {
  const token = await issueLinkToken('reset', user.id, undefined, now)
  const site = await mailSite()
  await queueMail({
    kind: 'password-reset',
    to: user.email,
    subject: `[${site.title}] Reset your password`,
    ...composeMail(
      {
        intro: [`Someone asked to set a new password for your account on ${site.title} (${user.email}).`],
        details: ['The link works once and expires in an hour.'],
        actions: [{ label: 'Set a new password', url: `${site.url}/login/reset?t=${token}` }],
        footer: ['If it was not you, ignore this mail: nothing changes, and your password stays as it is.'],
      },
      site,
    ),
  })
}

export type InvitationResult = { ok: true; email: string } | { ok: false; message: string }

/** Mails `userId` a link to choose their first password; their older invitation links stop working. */
export async function sendInvitation(userId: string, invitedBy: string, now = new Date()): Promise<InvitationResult> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, passwordHash: true },
  })
  if (!user) return { ok: false, message: 'That account no longer exists.' }
  if (user.passwordHash) return { ok: false, message: `${user.email} has a password already.` }
  await revokeLinkTokens(user.id, 'invite', now)
  const token = await issueLinkToken('invite', user.id, undefined, now)
  const site = await mailSite()
  await queueMail({
    kind: 'invitation',
    to: user.email,
    subject: `${invitedBy} invited you to write on ${site.title}`,
    ...composeMail(
      {
        intro: [
          `${invitedBy} invited you to write on ${site.title}.`,
          `Your account is ${user.email}. Choose a password, then sign in with it.`,
        ],
        details: ['The link works once and expires in 7 days.'],
        actions: [{ label: 'Choose your password', url: `${site.url}/login/reset?t=${token}` }],
        footer: ['If you did not expect this invitation, ignore this mail: nothing happens without you.'],
      },
      site,
    ),
  })
  return { ok: true, email: user.email }
}

export type PasswordLink =
  | { ok: true; purpose: PasswordLinkPurpose; userId: string; email: string }
  | { ok: false; purpose: PasswordLinkPurpose | null; problem: string }

/** What a reset or invitation link is, without using it: the page opened from the mail shows this. */
export async function checkPasswordLink(token: string, now = new Date()): Promise<PasswordLink> {
  for (const purpose of ['reset', 'invite'] as const) {
    const check = await checkLinkToken(token, purpose, now)
    if (!check.ok && check.reason === 'unknown') continue
    if (!check.ok) return { ok: false, purpose, problem: linkProblem(check.reason, LINK_NAME[purpose]) }
    const user = await db.user.findUnique({ where: { id: check.userId }, select: { email: true } })
    if (!user) break
    return { ok: true, purpose, userId: check.userId, email: user.email }
  }
  return { ok: false, purpose: null, problem: linkProblem('unknown', 'password') }
}

export type PasswordSet = { ok: true; email: string } | { ok: false; problem: string }

/**
 * Uses the link (once, whoever else posts it) to set the password. Everything signed in as the account is
 * signed out, wherever it is: whoever held the old password or a session made with it is out.
 */
export async function setPasswordWithLink(token: string, password: string, now = new Date()): Promise<PasswordSet> {
  const link = await checkPasswordLink(token, now)
  if (!link.ok) return { ok: false, problem: link.problem }
  // Hashed before the link is used, so a failure here leaves the link working.
  const passwordHash = await hashPassword(password)
  const used = await redeemLinkToken(token, link.purpose, now)
  if (!used.ok) return { ok: false, problem: linkProblem(used.reason, LINK_NAME[link.purpose]) }
  await db.user.update({ where: { id: used.userId }, data: { passwordHash } })
  // The other links sent to the account were for the password it has now chosen.
  await revokeLinkTokens(used.userId, 'reset', now)
  await revokeLinkTokens(used.userId, 'invite', now)
  await endUserSessions(used.userId)
  await clearAccountThrottle(link.email)
  return { ok: true, email: link.email }
}
