// Single-use links sent by mail (password reset, invitation, a moderation action). The link carries 32 random
// bytes; the database keeps only their SHA-256, when the link expires and when it was used. Using a link is one
// UPDATE that only the first request wins, so a link acts once however often it is opened or posted.
import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { db } from '@/lib/db'
import { deleteWhere, type PruneOptions } from '@/lib/db/prune'

export type LinkPurpose = 'reset' | 'invite' | 'moderate'

export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  reset: 60 * 60_000,
  invite: 7 * 24 * 60 * 60_000,
  moderate: 7 * 24 * 60 * 60_000,
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex')

/** A token's shape, checked before any lookup: 43 base64url characters. */
const TOKEN = /^[\w-]{43}$/

export async function issueLinkToken(
  purpose: LinkPurpose,
  userId: string,
  subject?: string,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db.linkToken.create({
    data: {
      id: digest(token),
      purpose,
      userId,
      subject,
      expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS[purpose]),
    },
  })
  return token
}

export type LinkCheck =
  | { ok: true; userId: string; subject: string | null; expiresAt: Date }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' }

/** What a link is for, without using it (the confirmation page shows this). */
export async function checkLinkToken(token: string, purpose: LinkPurpose, now = new Date()): Promise<LinkCheck> {
  if (!TOKEN.test(token)) return { ok: false, reason: 'unknown' }
  const row = await db.linkToken.findUnique({ where: { id: digest(token) } })
  if (!row || row.purpose !== purpose) return { ok: false, reason: 'unknown' }
  if (row.usedAt) return { ok: false, reason: 'used' }
  if (row.expiresAt <= now) return { ok: false, reason: 'expired' }
  return { ok: true, userId: row.userId, subject: row.subject, expiresAt: row.expiresAt }
}

/** Uses the link: the same answer as checkLinkToken, but only one caller ever gets `ok` for a token. */
export async function redeemLinkToken(token: string, purpose: LinkPurpose, now = new Date()): Promise<LinkCheck> {
  const check = await checkLinkToken(token, purpose, now)
  if (!check.ok) return check
  const { count } = await db.linkToken.updateMany({
    where: { id: digest(token), usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  })
  return count === 1 ? check : { ok: false, reason: 'used' }
}

/** Ends a user's unused links of one purpose (a new reset link makes the older ones useless). */
export async function revokeLinkTokens(userId: string, purpose: LinkPurpose, now = new Date()): Promise<void> {
  await db.linkToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } })
}

/** What a person reads when a link does not work. */
export function linkProblem(reason: 'unknown' | 'used' | 'expired', what: string): string {
  return reason === 'used'
    ? `This ${what} link has already been used. Each link works once.`
    : reason === 'expired'
      ? `This ${what} link has expired.`
      : `This ${what} link is not valid. Check that the whole address was copied from the mail.`
}

/** How long a link is remembered after it expires: opened in that time it says "expired", later "not valid". */
export const KEEP_EXPIRED_LINKS_MS = 7 * 24 * 60 * 60_000

/** Housekeeping: links expired for a week (used or not, they open nothing). */
export function pruneLinkTokens(now = new Date(), options?: PruneOptions): Promise<number> {
  return deleteWhere(db.linkToken, { expiresAt: { lt: new Date(now.getTime() - KEEP_EXPIRED_LINKS_MS) } }, options)
}
