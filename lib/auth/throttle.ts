// Password-guessing brake: exponential back-off per account and per IP after repeated failures.
import { db } from '@/lib/db'

const FREE_FAILURES = 5
const BASE_SECONDS = 30
const MAX_SECONDS = 15 * 60
// Failures older than this are forgotten, so an old typo never counts against the real admin.
const FORGET_AFTER_MS = 60 * 60 * 1000

/** Seconds to wait after the n-th consecutive failure: none for the first five, then 30 s doubling to 15 min. */
export function backoffSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(MAX_SECONDS, BASE_SECONDS * 2 ** (failures - FREE_FAILURES))
}

export const throttleKeys = (email: string, ip: string) => [`email:${email.toLowerCase()}`, `ip:${ip}`]

/** Seconds until any of the keys may try again (0 = now). */
export async function secondsUntilAllowed(keys: string[], now = new Date()): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } })
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0))
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000))
}

export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const key of keys) {
      const row = await tx.loginThrottle.findUnique({ where: { key } })
      const stale = !row || now.getTime() - row.lastFailure.getTime() > FORGET_AFTER_MS
      const failures = stale ? 1 : row.failures + 1
      const wait = backoffSeconds(failures)
      const data = { failures, lastFailure: now, blockedUntil: wait ? new Date(now.getTime() + wait * 1000) : null }
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data })
    }
  })
}

export async function recordSuccess(keys: string[]): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: { in: keys } } })
}
