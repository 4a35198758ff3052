// Server-side sessions: the JWT in the session cookie names a Session row and counts only while that row lives,
// so signing out, a password change or reset, a role change and "sign out everywhere" end sessions for real.
import 'server-only'
import { db } from '@/lib/db'
import { deleteWhere, type PruneOptions } from '@/lib/db/prune'

export const SESSION_MAX_AGE = 30 * 24 * 60 * 60
// Last-seen times are written at most this often per session, not on every request.
const TOUCH_AFTER_MS = 5 * 60 * 1000

export async function startSession(
  userId: string,
  { userAgent, ip }: { userAgent?: string | null; ip?: string | null },
) {
  return db.session.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE * 1000),
      userAgent: userAgent?.slice(0, 300) ?? null,
      ip: ip?.slice(0, 64) ?? null,
    },
    select: { id: true },
  })
}

/** The user of a live session, or null (ended, expired, or the user removed). */
export async function findSessionUser(sessionId: string) {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
  })
  if (!session || session.expiresAt.getTime() <= Date.now()) return null
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date() } }).catch(() => undefined)
  }
  return session.user
}

export async function endSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } })
}

/** Ends every session of the user, but `keep` (the browser that asked, after its own password change). */
export async function endUserSessions(userId: string, { keep }: { keep?: string } = {}): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } })
  return count
}

export function listSessions(userId: string) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
  })
}

/** Housekeeping: sessions past their end (a row holds the browser's address and user agent). */
export function pruneEndedSessions(now = new Date(), options?: PruneOptions): Promise<number> {
  return deleteWhere(db.session, { expiresAt: { lt: now } }, options)
}
