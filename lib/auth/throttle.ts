// Password-guessing brake: exponential back-off on three keys, each after its own number of free failures.
// - account and address: five free, for the owner's own typos;
// - address: twenty free, against one address trying many accounts;
// - account, from any address: twenty free, against many addresses trying one account. A browser that has
//   signed in to the account before (it carries that account's device cookie, lib/auth/device.ts) is exempt
//   from this key only, so strangers guessing elsewhere never lock the owner out of their own device.
import { db } from '@/lib/db'
import { deleteWhere, type PruneOptions } from '@/lib/db/prune'

const BASE_SECONDS = 30
const MAX_SECONDS = 15 * 60
// Failures older than this are forgotten, so an old typo never counts against the real admin.
const FORGET_AFTER_MS = 60 * 60 * 1000

export interface ThrottleKey {
  key: string
  /** Failures allowed before the back-off starts. */
  free: number
}

/** Seconds to wait after the n-th consecutive failure: none while free, then 30 s doubling to 15 min. */
export function backoffSeconds(failures: number, free = 5): number {
  if (failures < free) return 0
  return Math.min(MAX_SECONDS, BASE_SECONDS * 2 ** Math.min(20, failures - free))
}

/** The keys an attempt is checked against (`check`) and the keys a failure counts on (`record`). */
export function throttleKeys(
  email: string,
  ip: string,
  { knownDevice = false } = {},
): { check: ThrottleKey[]; record: ThrottleKey[] } {
  const account = email.toLowerCase()
  const record = [
    { key: `account-ip:${account}|${ip}`, free: 5 },
    { key: `ip:${ip}`, free: 20 },
    { key: `account:${account}`, free: 20 },
  ]
  return { check: knownDevice ? record.slice(0, 2) : record, record }
}

/** Seconds until every key allows a try again (0 = now). */
export async function secondsUntilAllowed(keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } })
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0))
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000))
}

export async function recordFailure(keys: ThrottleKey[], now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const { key, free } of keys) {
      const row = await tx.loginThrottle.findUnique({ where: { key } })
      const stale = !row || now.getTime() - row.lastFailure.getTime() > FORGET_AFTER_MS
      const failures = stale ? 1 : row.failures + 1
      const wait = backoffSeconds(failures, free)
      const data = { failures, lastFailure: now, blockedUntil: wait ? new Date(now.getTime() + wait * 1000) : null }
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data })
    }
  })
}

/** A right password clears what this browser's own attempts counted (not the account-wide key: others' guesses stay). */
export async function recordSuccess(email: string, ip: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: { in: [`account-ip:${email.toLowerCase()}|${ip}`] } } })
}

/** After an admin resets a password: the account starts afresh everywhere. */
export async function clearAccountThrottle(email: string): Promise<void> {
  const account = email.toLowerCase()
  await db.loginThrottle.deleteMany({
    where: { OR: [{ key: `account:${account}` }, { key: { startsWith: `account-ip:${account}|` } }] },
  })
}

/**
 * Housekeeping: counters nothing reads any more, forgotten (their last failure over an hour ago) and not
 * blocking. Guesses from many addresses or at many accounts leave a row per key; a stale row counts as none,
 * so deleting it changes no decision.
 */
export function pruneThrottle(now = new Date(), options?: PruneOptions): Promise<number> {
  const where = {
    lastFailure: { lt: new Date(now.getTime() - FORGET_AFTER_MS) },
    OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }],
  }
  return deleteWhere(db.loginThrottle, where, { key: 'key', ...options })
}
