// The durable job runner: every kind of background work (webmentions to verify, pings to send, later mail) is a
// row in Job, claimed in the database, run by its kind's handler, retried with back-off, recorded done or failed.
import { db, type Db } from '@/lib/db'
import { isDatabaseBusy, withBusyRetry } from '@/lib/db/busy'
import { deleteWhere, type PruneOptions } from '@/lib/db/prune'

/** What a handler says about one run. `retry` asks for another attempt later (while attempts remain). */
export type JobOutcome =
  { ok: true; result?: string; touched?: string[] } | { ok: false; retry: boolean; result: string; touched?: string[] }

export interface JobKindOptions<P> {
  /** Stored in Job.kind: never rename a kind that may have jobs waiting. */
  name: string
  /** Attempts in all, the first included. */
  maxAttempts: number
  /** The wait before attempt n + 1 is `retryMinutes * 4 ** (n - 1)` minutes (1: 1, 4, 16…; 2: 2, 8, 32…). */
  retryMinutes: number
  /** Jobs claimed per pass. */
  batch: number
  /** Jobs of a pass run at once (default 1: one after another); for work that mostly waits on the network. */
  concurrency?: number
  /** How long recording an outcome keeps trying while the database is busy (ms; default 15 s). */
  recordBudgetMs?: number
  handle(payload: P, job: { id: string; attempts: number }): Promise<JobOutcome>
}

/** How long a claim holds: a job RUNNING longer than this (its worker crashed) is taken up again. */
export const LEASE_MS = 5 * 60_000

const WAITING = ['QUEUED', 'RUNNING'] as const

/** The delay before the next attempt, after `attempts` attempts. */
export function retryDelayMs(retryMinutes: number, attempts: number): number {
  return retryMinutes * 4 ** (attempts - 1) * 60_000
}

export interface RunReport {
  /** Jobs this pass ran (whatever their outcome). */
  ran: number
  /** Cache tags the handlers' writes touched: the caller expires them (it runs where Next allows that). */
  touched: string[]
}

export interface JobState<P> {
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED'
  payload: P
  result: string | null
  attempts: number
  createdAt: Date
  updatedAt: Date
}

export interface JobKind<P> {
  readonly name: string
  /** The job waiting (queued or running) for the key, if any. */
  findWaiting(key: string): Promise<{ id: string } | null>
  /** One job of this kind as a status page shows it (null: no such job). */
  find(id: string): Promise<JobState<P> | null>
  /** Queues a job; with a key, the job already waiting for that key (if any) is returned instead. */
  enqueue(payload: P, options?: { key?: string; runAfter?: Date }): Promise<{ id: string }>
  /** Puts a job back in the queue as new (attempts 0), to run at `runAfter`. */
  requeue(id: string, runAfter?: Date): Promise<void>
  /** How many jobs of this kind wait (queued or running). */
  countWaiting(): Promise<number>
  /**
   * Runs the jobs that are due. While this process already runs a pass for the kind, returns at once and that
   * pass runs once more when it ends (its caller gets both passes' report).
   */
  run(): Promise<RunReport>
}

// The in-process guard only saves a second pass from racing the first for the same rows; what keeps two
// workers (processes, nodes) from running one job is the claim in the database. A run asked for while a pass
// is under way is not dropped: the pass under way runs once more when it ends, so a job queued meanwhile (a
// post published while the last one's pings were being sent) goes out then, not at the next timer tick.
const running = new Map<string, { again: boolean }>()

export function defineJobKind<P>(options: JobKindOptions<P>): JobKind<P> {
  const { name } = options
  const findWaiting = (key: string) =>
    db.job.findFirst({ where: { kind: name, key, status: { in: [...WAITING] } }, select: { id: true } })
  return {
    name,
    findWaiting,
    async find(id) {
      const job = await db.job.findFirst({
        where: { id, kind: name },
        select: { status: true, payload: true, result: true, attempts: true, createdAt: true, updatedAt: true },
      })
      return job && { ...job, payload: JSON.parse(job.payload) as P }
    },
    async enqueue(payload, { key, runAfter } = {}) {
      const waiting = key ? await findWaiting(key) : null
      if (waiting) return waiting
      return db.job.create({
        data: { kind: name, key, payload: JSON.stringify(payload), runAfter },
        select: { id: true },
      })
    },
    async requeue(id, runAfter = new Date()) {
      await db.job.update({
        where: { id },
        data: { status: 'QUEUED', attempts: 0, runAfter, lockedUntil: null },
      })
    },
    countWaiting: () => db.job.count({ where: { kind: name, status: { in: [...WAITING] } } }),
    async run() {
      const underWay = running.get(name)
      if (underWay) {
        underWay.again = true
        return { ran: 0, touched: [] }
      }
      const state = { again: false }
      running.set(name, state)
      try {
        const report: RunReport = { ran: 0, touched: [] }
        let full: boolean
        do {
          state.again = false
          const pass = await runPass(options)
          report.ran += pass.ran
          report.touched.push(...pass.touched)
          // A full batch: more may be due behind it (a backlog after a storm of comments drains in one go; jobs
          // that failed are not due again until their back-off, so this ends).
          full = pass.full
        } while (state.again || full)
        return report
      } finally {
        running.delete(name)
      }
    },
  }
}

/**
 * Claims one job: a single UPDATE that only the worker finding it still QUEUED, with the attempts it read, wins —
 * whichever process or node it runs in (`client`: another connection, in tests).
 */
export async function claimJob(job: { id: string; attempts: number }, client: Db = db): Promise<boolean> {
  const claimed = await client.job.updateMany({
    where: { id: job.id, status: 'QUEUED', attempts: job.attempts },
    data: { status: 'RUNNING', attempts: job.attempts + 1, lockedUntil: new Date(Date.now() + LEASE_MS) },
  })
  return claimed.count === 1
}

/**
 * Outcomes this process has but could not write (the database stayed busy past the record's budget), by job
 * id. Each pass writes them first. Until then the job stays RUNNING under this process's claim: no pass here
 * runs it again, and another node takes it up only when the claim lapses (LEASE_MS), which is also what happens
 * if this process dies with the outcome unwritten — a job is run at least once, never lost.
 */
type RecordOptions = Pick<JobKindOptions<unknown>, 'name' | 'maxAttempts' | 'retryMinutes' | 'recordBudgetMs'>
const unrecorded = new Map<string, { outcome: JobOutcome; attempts: number; kind: RecordOptions }>()

async function runPass<P>(kind: JobKindOptions<P>): Promise<RunReport & { full: boolean }> {
  const now = new Date()
  const report = { ran: 0, touched: [] as string[], full: false }
  for (const [id, { outcome, attempts, kind: of }] of unrecorded) {
    if (of.name !== kind.name || !(await record(id, outcome, attempts, of))) continue
    unrecorded.delete(id)
    report.touched.push(...(outcome.touched ?? []))
  }
  // Claims that lapsed (a worker crashed mid-job) go back to the queue; not the ones whose outcome is waiting here.
  await withBusyRetry(() =>
    db.job.updateMany({
      where: {
        kind: kind.name,
        status: 'RUNNING',
        OR: [{ lockedUntil: { lt: now } }, { lockedUntil: null }],
        id: { notIn: [...unrecorded.keys()] },
      },
      data: { status: 'QUEUED', lockedUntil: null },
    }),
  )
  const due = await db.job.findMany({
    where: { kind: kind.name, status: 'QUEUED', runAfter: { lte: now } },
    orderBy: { createdAt: 'asc' },
    take: kind.batch,
    select: { id: true, attempts: true, payload: true },
  })
  report.full = due.length === kind.batch
  const runOne = async (job: (typeof due)[number]) => {
    if (!(await withBusyRetry(() => claimJob(job)))) return
    const attempts = job.attempts + 1
    const outcome = await kind
      .handle(JSON.parse(job.payload) as P, { id: job.id, attempts })
      .catch((error: unknown): JobOutcome => ({ ok: false, retry: true, result: messageOf(error) }))
    report.ran++
    if (await record(job.id, outcome, attempts, kind)) report.touched.push(...(outcome.touched ?? []))
    else unrecorded.set(job.id, { outcome, attempts, kind })
  }
  // `concurrency` workers take the due jobs in order, each running one at a time.
  const waiting = [...due]
  const worker = async () => {
    for (let job = waiting.shift(); job; job = waiting.shift()) {
      await runOne(job)
      // Readers' requests between two jobs: on SQLite a job's queries answer at once, so without this a job's
      // last writes and the next one's first reads ran as one block on the event loop.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(kind.concurrency ?? 1, due.length)) }, worker))
  return report
}

/** Writes a job's outcome; false when the database stayed busy (the caller keeps the outcome to write later). */
async function record(id: string, outcome: JobOutcome, attempts: number, kind: RecordOptions): Promise<boolean> {
  const retry = !outcome.ok && outcome.retry && attempts < kind.maxAttempts
  // Retried while another connection holds SQLite's write lock (a storm of comments), for longer than a
  // person's request would wait: nobody waits on this.
  const written = withBusyRetry(
    () =>
      db.job.update({
        where: { id },
        data: {
          status: outcome.ok ? 'DONE' : retry ? 'QUEUED' : 'FAILED',
          result: outcome.result?.slice(0, 1000) ?? null,
          lockedUntil: null,
          runAfter: retry ? new Date(Date.now() + retryDelayMs(kind.retryMinutes, attempts)) : undefined,
        },
      }),
    { budgetMs: kind.recordBudgetMs ?? 15_000 },
  )
  return written.then(
    () => true,
    (error: unknown) => {
      if (!isDatabaseBusy(error)) throw error
      console.error(`daisy: the outcome of job ${id} is kept to be written at the next pass: the database is busy`)
      return false
    },
  )
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'the job failed')

/** How long a finished job is kept: its status page (a webmention's) answers that long. */
export const FINISHED_JOBS_KEPT_DAYS = 30

/**
 * Housekeeping: jobs done or failed over FINISHED_JOBS_KEPT_DAYS ago. A mail's job stays while the mail does,
 * and an outgoing ping's with its record (one per link of a post): the outbox and the post's page read how
 * their sending ended from it.
 */
export function pruneFinishedJobs(now = new Date(), options?: PruneOptions): Promise<number> {
  const where = {
    status: { in: ['DONE' as const, 'FAILED' as const] },
    updatedAt: { lt: new Date(now.getTime() - FINISHED_JOBS_KEPT_DAYS * 24 * 60 * 60_000) },
    mail: { is: null },
    outgoingPing: { is: null },
  }
  return deleteWhere(db.job, where, options)
}
