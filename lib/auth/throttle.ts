// Password-guessing brake: exponential back-off on three keys, each after its own number of free failures.
// - account and address: five free, for the owner's own typos;
// - address: twenty free, against one address trying many accounts;
// - account, from any address: twenty free, against many addresses trying one account.
// A browser that has signed in to the account before (it carries that account's device cookie,
// lib/auth/device.ts) counts on the first key only. An attempt is taken before the password is hashed and
// given back when it was right (`reserveAttempt`, `giveBack`).
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
  /** The browser's own key (account and address): a right password clears it. */
  own?: boolean
}

/** Seconds to wait after the n-th consecutive failure: none while free, then 30 s doubling to 15 min. */
export function backoffSeconds(failures: number, free = 5): number {
  if (failures < free) return 0
  return Math.min(MAX_SECONDS, BASE_SECONDS * 2 ** Math.min(20, failures - free))
}

/**
 * The keys an attempt counts on. A browser that has signed in to the account before (its device cookie) is
 * braked by its own failures only: strangers guessing at the account, or at any account from the same address
 * (an office, a carrier's NAT, every client behind a proxy Daisy is not told to trust), never lock it out.
 */
export function throttleKeys(email: string, ip: string, { knownDevice = false } = {}): ThrottleKey[] {
  const account = email.toLowerCase()
  const own = { key: `account-ip:${account}|${ip}`, free: 5, own: true }
  if (knownDevice) return [own]
  return [own, { key: `ip:${ip}`, free: 20 }, { key: `account:${account}`, free: 20 }]
}

/**
 * Seconds until every key allows a try again (0 = now), from the rows as they are: for showing, never for
 * deciding (`reserveAttempt` decides).
 */
export async function secondsUntilAllowed(keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } })
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0))
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000))
}

export type Reservation = { ok: true; keys: ThrottleKey[] } | { ok: false; wait: number }

/**
 * Takes one attempt on every key before the password is hashed, counted as a failure until `giveBack` (a right
 * password) returns it: thirty guesses sent at once cannot all pass a check made before any of them failed.
 * Each key's count goes up by compare-and-set (an UPDATE that only matches the row as it was read, so the
 * database decides between contenders, on every node): it passes while the key has no wait running, and sets
 * the wait its new count earns in the same statement.
 * When one key refuses, the attempts taken on the others are given back.
 */
export async function reserveAttempt(keys: ThrottleKey[], now = new Date()): Promise<Reservation> {
  const taken: ThrottleKey[] = []
  for (const key of keys) {
    if (await takeOne(key, now)) {
      taken.push(key)
      continue
    }
    await giveBack(taken, { now, signedIn: false })
    return { ok: false, wait: Math.max(1, await secondsUntilAllowed([key], now)) }
  }
  return { ok: true, keys: taken }
}

/** Enough for every contender of a burst to get its turn; past this the attempt is refused, never let through. */
const MAX_TRIES = 200

async function takeOne({ key, free }: ThrottleKey, now: Date): Promise<boolean> {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const row = await db.loginThrottle.findUnique({ where: { key } })
    if (row?.blockedUntil && row.blockedUntil > now) return false
    // Failures an hour old are forgotten, so an old typo never counts.
    const failures = row && now.getTime() - row.lastFailure.getTime() <= FORGET_AFTER_MS ? row.failures + 1 : 1
    const wait = backoffSeconds(failures, free)
    const data = { failures, lastFailure: now, blockedUntil: wait ? new Date(now.getTime() + wait * 1000) : null }
    if (!row) {
      const created = await db.loginThrottle.create({ data: { key, ...data } }).then(
        () => true,
        (error: unknown) => {
          // Another attempt made the row first: count on it.
          if ((error as { code?: string }).code === 'P2002') return false
          throw error
        },
      )
      if (created) return true
      continue
    }
    // Compare and set: counted only if nobody counted on the key since it was read; else read again.
    const { count } = await db.loginThrottle.updateMany({
      where: { key, failures: row.failures, lastFailure: row.lastFailure },
      data,
    })
    if (count === 1) return true
  }
  return false
}

/**
 * Returns the attempt taken on each key: after a right password (`signedIn`: the browser's own key, account
 * and address, then starts afresh), or when another key refused. Others' guesses stay counted.
 */
export async function giveBack(keys: ThrottleKey[], { now = new Date(), signedIn = true } = {}): Promise<void> {
  for (const { key, free, own } of keys) {
    if (signedIn && own) {
      await db.loginThrottle.deleteMany({ where: { key } })
      continue
    }
    await db.loginThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } })
    // Fewer than the free failures left: nothing to wait for (a wait earned by others' failures stays).
    await db.loginThrottle.updateMany({
      where: { key, failures: { lt: free }, blockedUntil: { gt: now } },
      data: { blockedUntil: null },
    })
  }
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
