// Leases: "only one at a time, across every node" for work like the WordPress import. A row per name says who
// holds it and until when; the holder renews it while working and gives it up at the end, and a holder that
// died (a crashed node) simply stops renewing, so the lease lapses and another may claim it.
//
// Claiming is one conditional UPDATE (free, or lapsed, or already mine), then an INSERT when there is no row
// yet. Both are race-free on either provider: SQLite runs one writer at a time, and PostgreSQL re-checks an
// UPDATE's WHERE on the row once a concurrent update of it commits; two INSERTs of one name meet the primary
// key, and the loser is told no. Times come from each node's clock: keep them in sync (NTP), as the lease is
// minutes long and a few seconds of skew do not matter. On SQLite a write may meet another process's lock
// (the server and `npm run import:wxr` share the file): each is tried again for a moment (withBusyRetry), which
// is safe, as running any of them twice gives the same result.
import type { Db } from '.'
import { withBusyRetry } from './busy'

export interface LeaseRow {
  name: string
  holder: string
  expiresAt: Date
  data: string
}

/** Takes the lease `name` for `holder` for `ttlMs` when it is free, lapsed or already theirs; true if so. */
export function claimLease(client: Db, name: string, holder: string, ttlMs: number, data = '{}') {
  return withBusyRetry(() => claimOnce(client, name, holder, ttlMs, data))
}

async function claimOnce(client: Db, name: string, holder: string, ttlMs: number, data: string) {
  const now = new Date()
  const expiresAt = new Date(now.getTime() + ttlMs)
  const taken = await client.lease.updateMany({
    where: { name, OR: [{ expiresAt: { lte: now } }, { holder }] },
    data: { holder, expiresAt, data },
  })
  if (taken.count === 1) return true
  try {
    await client.lease.create({ data: { name, holder, expiresAt, data } })
    return true
  } catch (error) {
    // The row exists (held by another) or another claimer inserted it first: not ours.
    if ((error as { code?: string }).code === 'P2002') return false
    throw error
  }
}

/**
 * Extends the holder's lease by `ttlMs` (and stores `data` when given); false when it is no longer theirs:
 * it lapsed and another holder took it.
 */
export async function renewLease(client: Db, name: string, holder: string, ttlMs: number, data?: string) {
  const renewed = await withBusyRetry(() =>
    client.lease.updateMany({
      where: { name, holder },
      data: { expiresAt: new Date(Date.now() + ttlMs), ...(data === undefined ? {} : { data }) },
    }),
  )
  return renewed.count === 1
}

/** Gives the lease up at once (keeping the row and its last `data` for others to read); false if not held. */
export async function releaseLease(client: Db, name: string, holder: string, data?: string) {
  const released = await withBusyRetry(() =>
    client.lease.updateMany({
      where: { name, holder },
      data: { expiresAt: new Date(), ...(data === undefined ? {} : { data }) },
    }),
  )
  return released.count === 1
}

/** The lease as stored (held or not: compare expiresAt with now), or null when it was never claimed. */
export function readLease(client: Db, name: string): Promise<LeaseRow | null> {
  return client.lease.findUnique({ where: { name }, select: { name: true, holder: true, expiresAt: true, data: true } })
}
