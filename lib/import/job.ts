// The one import that may run at a time, across every node sharing the database, and how far it has got (read
// by the progress route, which the load balancer may send to another node than the one importing). Kept in a
// lease row (lib/db/leases.ts): renewed while the import runs, so one whose node crashed lapses after LEASE_MS and
// a new import may start; its progress written there now and then, not on every batch.
import 'server-only'
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { z } from 'zod'
import { db, type Db } from '../db'
import { claimLease, readLease, releaseLease, renewLease } from '../db/leases'
import type { ImportProgress } from './wxr-import'

export interface ImportJob extends ImportProgress {
  running: boolean
  startedAt: string
}

const LEASE = 'wxr-import'
/** How long a lease outlives its last renewal: a crashed node's import blocks new ones this long at most. */
export const LEASE_MS = 2 * 60_000
/** Renewed this often even when no progress is reported (one long batch of attachments). */
const RENEW_MS = 30_000
/** Progress is written at most this often; the admin page polls about once a second. */
const PROGRESS_WRITE_MS = 1_000

/** What the lease row carries, checked when read back (another node, maybe another version, wrote it). */
const storedJob = z.object({
  running: z.boolean(),
  phase: z.enum(['reading', 'importing', 'finishing']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  startedAt: z.string(),
})

/** The import lock and progress, on one database client (the app's `db`; tests make one per "node"). */
export function importJobs(client: Db) {
  let mine: {
    holder: string
    job: ImportJob
    /** Time of the last write, and the write under way (so they never overlap or reorder). */
    writtenAt: number
    writing: Promise<void>
    timer: ReturnType<typeof setInterval>
    /** Another holder took the lease (this node stalled past LEASE_MS): the import must stop. */
    lost: boolean
  } | null = null

  /** Writes the current progress and extends the lease, after any write still under way. */
  function write() {
    const state = mine
    if (!state) return Promise.resolve()
    state.writtenAt = Date.now()
    state.writing = state.writing.then(async () => {
      try {
        const held = await renewLease(client, LEASE, state.holder, LEASE_MS, JSON.stringify(state.job))
        if (!held) state.lost = true
      } catch (error) {
        // A busy or unreachable database: the next write tries again, well before the lease lapses.
        console.error('daisy: could not record the import’s progress', error)
      }
    })
    return state.writing
  }

  return {
    /** The running (or last) import on any node; `running` is false once its lease lapsed (a crashed node). */
    async currentImport(): Promise<ImportJob | null> {
      const lease = await readLease(client, LEASE)
      if (!lease) return null
      let data: unknown
      try {
        data = JSON.parse(lease.data)
      } catch {
        return null
      }
      const job = storedJob.safeParse(data)
      if (!job.success) return null
      return { ...job.data, running: job.data.running && lease.expiresAt.getTime() > Date.now() }
    },

    /** Claims the importer for this node; false when an import is under way here or on another node. */
    async startImport(): Promise<boolean> {
      if (mine) return false
      const holder = `${hostname()}:${process.pid}:${randomUUID()}`
      const job: ImportJob = { running: true, phase: 'reading', done: 0, total: 0, startedAt: new Date().toISOString() }
      if (!(await claimLease(client, LEASE, holder, LEASE_MS, JSON.stringify(job)))) return false
      const timer = setInterval(() => void write(), RENEW_MS)
      timer.unref?.()
      mine = { holder, job, writtenAt: Date.now(), writing: Promise.resolve(), timer, lost: false }
      return true
    },

    /**
     * Notes the import's progress: written for the other nodes at most once a second (and at each change of
     * phase). Throws when another node has taken the lease, which stops the import between batches.
     */
    updateImport(progress: ImportProgress) {
      if (!mine) return
      if (mine.lost) throw new Error('The import lost its lock to another server (this one stalled); it stopped.')
      const phaseChanged = progress.phase !== mine.job.phase
      Object.assign(mine.job, progress)
      if (phaseChanged || Date.now() - mine.writtenAt >= PROGRESS_WRITE_MS) void write()
    },

    /** Gives the lease up, leaving the final progress (running: false) for the progress route to show. */
    async finishImport() {
      const state = mine
      if (!state) return
      clearInterval(state.timer)
      await state.writing
      mine = null
      state.job.running = false
      try {
        await releaseLease(client, LEASE, state.holder, JSON.stringify(state.job))
      } catch (error) {
        // Not released: it lapses by itself within LEASE_MS.
        console.error('daisy: could not release the import lock', error)
      }
    },
  }
}

// On globalThis: the upload route and the progress route are separate bundles, one process.
const store = globalThis as unknown as { daisyImportJobs?: ReturnType<typeof importJobs> }
const jobs = (store.daisyImportJobs ??= importJobs(db))

export const { currentImport, startImport, updateImport, finishImport } = jobs
