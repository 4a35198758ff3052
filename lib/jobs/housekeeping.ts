// Housekeeping: deleting rows that have done their work, so a blog that runs for years keeps neither a growing
// pile of finished jobs and expired sign-in state, nor personal data (addresses, mail) longer than it needs.
// Each domain says what of its own may go; this runs them, from the minute's wake of the job queues
// (app/api/jobs/run), at most once an hour across every node (the lease `housekeeping`).
import 'server-only'
import { randomUUID } from 'node:crypto'
import { db } from '@/lib/db'
import { claimLease } from '@/lib/db/leases'
import { pruneLinkTokens } from '@/lib/auth/link-tokens'
import { pruneEndedSessions } from '@/lib/auth/sessions'
import { pruneThrottle } from '@/lib/auth/throttle'
import { pruneFinishedJobs } from '@/lib/jobs/runner'
import { pruneMail } from '@/lib/mail/outbox'
import { pruneFederationKv } from '@/lib/federation/kv'
import { knockOnDeadInstances } from '@/lib/federation/instances'

export const HOUSEKEEPING_EVERY_MS = 60 * 60_000

export interface HousekeepingReport {
  sessions: number
  linkTokens: number
  loginThrottle: number
  mail: number
  jobs: number
  federationCache: number
  /** Dead instances that answered the daily knock, and are delivered to again. */
  instancesBack: number
}

/** Deletes what every domain no longer needs, as of `now`. */
export async function pruneAll(now = new Date()): Promise<HousekeepingReport> {
  return {
    sessions: await pruneEndedSessions(now),
    linkTokens: await pruneLinkTokens(now),
    loginThrottle: await pruneThrottle(now),
    // Mails before jobs: a mail's job goes once the mail has.
    mail: await pruneMail(now),
    jobs: await pruneFinishedJobs(now),
    // What the federation library cached (remote actors, keys) or remembered (activity ids) past its time.
    federationCache: await pruneFederationKv(now),
    instancesBack: await knockOnDeadInstances(now),
  }
}

/**
 * Runs pruneAll when the hour since the last run (on any node) is up; null when it is not (or it failed, which
 * it logs). A claim with a new holder each time succeeds only once the last run's lease has lapsed.
 */
export async function housekeeping(now = new Date()): Promise<HousekeepingReport | null> {
  try {
    if (!(await claimLease(db, 'housekeeping', randomUUID(), HOUSEKEEPING_EVERY_MS))) return null
    const report = await pruneAll(now)
    const removed = Object.entries(report).filter(([, count]) => count > 0)
    if (removed.length > 0)
      console.log(`daisy: housekeeping removed ${removed.map(([what, count]) => `${count} ${what}`).join(', ')}`)
    return report
  } catch (error) {
    // Nothing waits on it: what was not deleted goes at the next hour's run.
    console.error(`daisy: housekeeping stopped: ${error instanceof Error ? error.message : error}`)
    return null
  }
}
