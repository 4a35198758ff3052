// Instances that stop answering. A failed delivery is retried by the federation library on its own schedule (and
// its circuit breaker holds deliveries to a host that failed many times in minutes); an instance that has failed
// for days with nothing taken in between is dead — its followers stay, but posts are not sent there (the fan-out
// leaves them out, lib/federation/federation.ts) and the admin shows it so. It is alive again as soon as it
// answers: it delivers something to the blog, a delivery to it succeeds, or the daily knock on its NodeInfo
// (from the housekeeping) is answered.
import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'
import { db } from '@/lib/db'
import { safeFetch } from '@/lib/http/fetch'

/** How long an instance fails, with no success between, before the blog stops sending to it (Mastodon: 7 days). */
export const DEAD_AFTER_MS = Number(process.env.FEDIVERSE_DEAD_AFTER_HOURS || 72) * 3_600_000
/** How often a dead instance is knocked on to see whether it is back. */
const KNOCK_EVERY_MS = 24 * 3_600_000

/** The instance an address belongs to, as dead instances are kept: host and port, lower case. */
export const instanceHost = (url: string): string | null => {
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return null
  }
}

// The hosts that have a row (failing or dead), so a success elsewhere costs no write; read again every minute
// (another node may have noted a failure).
let known: { hosts: Set<string>; at: number } | null = null

async function knownHosts(): Promise<Set<string>> {
  if (!known || Date.now() - known.at > 60_000) {
    const rows = await db.instance.findMany({ select: { host: true } })
    known = { hosts: new Set(rows.map((row) => row.host)), at: Date.now() }
  }
  return known.hosts
}

/** A delivery to this inbox failed (called from the library's error path; never throws). */
export async function noteInstanceFailure(inbox: string, message: string, now = new Date()): Promise<void> {
  const host = instanceHost(inbox)
  if (!host) return
  try {
    const row = await db.instance.findUnique({ where: { host } })
    const failingSince = row?.failingSince ?? now
    const dead = row?.deadSince ?? (now.getTime() - failingSince.getTime() >= DEAD_AFTER_MS ? now : null)
    const data = {
      origin: new URL(inbox).origin,
      failingSince,
      lastFailureAt: now,
      lastError: message.slice(0, 300),
      deadSince: dead,
    }
    await db.instance.upsert({ where: { host }, create: { host, ...data }, update: data })
    ;(await knownHosts()).add(host)
    if (dead && !row?.deadSince)
      console.log(`daisy: ${host} has failed since ${failingSince.toISOString()}: not sent to until it answers`)
  } catch (error) {
    console.error('daisy: an instance failure could not be noted', error)
  }
}

/**
 * The instance behind this address answered (a delivery taken, or an activity from it): it is alive. A delivery
 * asks the minute's list of hosts with a row (thousands go out per post); anything else asks the database.
 */
export async function noteReachable(url: string, { cached = false } = {}): Promise<void> {
  const host = instanceHost(url)
  if (!host || (cached && !(await knownHosts()).has(host))) return
  known?.hosts.delete(host)
  // Read first: a write (even one deleting nothing) would take SQLite's write lock on every delivery received.
  if (!cached && !(await db.instance.findUnique({ where: { host }, select: { host: true } }))) return
  const { count } = await db.instance.deleteMany({ where: { host } })
  if (count) console.log(`daisy: ${host} answers again: delivered to as before`)
}

/** The hosts posts are not sent to. */
export async function deadHosts(): Promise<Set<string>> {
  const rows = await db.instance.findMany({ where: { deadSince: { not: null } }, select: { host: true } })
  return new Set(rows.map((row) => row.host))
}

/** Instances failing or dead, for the admin. */
export function failingInstances() {
  return db.instance.findMany({ orderBy: [{ deadSince: 'desc' }, { lastFailureAt: 'desc' }], take: 100 })
}

/** The housekeeping's knock: each dead instance's NodeInfo asked for once a day; an answer brings it back. */
export async function knockOnDeadInstances(now = new Date()): Promise<number> {
  const dead = await db.instance.findMany({
    where: { deadSince: { not: null }, updatedAt: { lt: new Date(now.getTime() - KNOCK_EVERY_MS) } },
    select: { host: true, origin: true },
    take: 50,
  })
  let back = 0
  for (const { host, origin } of dead) {
    const answered = await safeFetch(`${origin}/.well-known/nodeinfo`, { totalTimeoutMs: 5000 }).then(
      (page) => page.status < 400,
      () => false,
    )
    if (answered) {
      await noteReachable(origin)
      back++
    } else await db.instance.update({ where: { host }, data: { lastFailureAt: now } })
  }
  return back
}

// ---------------------------------------------------------------------------------------------------------------
// A delivery's outcome: the library reports failures (onOutboxError), not successes, so each queued delivery runs
// inside a record that the failure path marks (lib/federation/queue.ts).

const attempt = new AsyncLocalStorage<{ failed: boolean }>()

export async function trackDelivery(inbox: string | undefined, run: () => Promise<void>): Promise<void> {
  if (!inbox) return run()
  const record = { failed: false }
  await attempt.run(record, run)
  if (!record.failed) await noteReachable(inbox, { cached: true })
}

export function markAttemptFailed(): void {
  const record = attempt.getStore()
  if (record) record.failed = true
}
