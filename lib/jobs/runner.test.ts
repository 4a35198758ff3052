import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { providerUnderTest } from '@/lib/test/template'
import { createClient, db } from '@/lib/db'
import { claimJob, defineJobKind, LEASE_MS, type JobOutcome } from './runner'

const MINUTE = 60_000
const other = createClient(process.env.DATABASE_URL ?? '')
afterAll(() => other.$disconnect())

/** A kind whose handler answers from a list, and records what it was given. */
function kindAnswering(name: string, outcomes: (JobOutcome | Error)[]) {
  const seen: { payload: { n: number }; attempts: number }[] = []
  const kind = defineJobKind<{ n: number }>({
    name,
    maxAttempts: 3,
    retryMinutes: 2,
    batch: 10,
    async handle(payload, job) {
      seen.push({ payload, attempts: job.attempts })
      const next = outcomes.shift() ?? { ok: true }
      if (next instanceof Error) throw next
      return next
    },
  })
  return { kind, seen }
}

const jobOf = (id: string) => db.job.findUniqueOrThrow({ where: { id } })
const makeDue = (id: string) => db.job.update({ where: { id }, data: { runAfter: new Date(Date.now() - 1000) } })

describe('the job runner', () => {
  it('runs a due job once and records it done, with the tags its handler touched', async () => {
    const { kind, seen } = kindAnswering('test-done', [{ ok: true, result: 'fine', touched: ['posts'] }])
    const { id } = await kind.enqueue({ n: 1 })
    const [first, second] = await Promise.all([kind.run(), kind.run()])
    expect(first.ran + second.ran).toBe(1)
    expect([...first.touched, ...second.touched]).toEqual(['posts'])
    expect(seen).toEqual([{ payload: { n: 1 }, attempts: 1 }])
    expect(await jobOf(id)).toMatchObject({ status: 'DONE', attempts: 1, result: 'fine', lockedUntil: null })
    expect((await kind.run()).ran).toBe(0)
  })

  it('drains a backlog longer than a batch in one run, and stops at jobs that failed until their back-off', async () => {
    const { kind, seen } = kindAnswering('test-backlog', [{ ok: false, retry: true, result: 'server away' }])
    for (let n = 0; n < 25; n++) await kind.enqueue({ n })
    const report = await kind.run()
    expect(report.ran).toBe(25)
    expect(seen.map((s) => s.payload.n)).toEqual([...Array(25).keys()])
    // The one that failed waits for its retry: the run ended instead of trying it again at once.
    expect((await kind.run()).ran).toBe(0)
  })

  it('runs up to `concurrency` jobs of a pass at once, each once, and records every one', async () => {
    let inFlight = 0
    let most = 0
    const seen: number[] = []
    const kind = defineJobKind<{ n: number }>({
      name: 'test-concurrent',
      maxAttempts: 1,
      retryMinutes: 1,
      batch: 10,
      concurrency: 3,
      async handle({ n }) {
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 20))
        inFlight--
        seen.push(n)
        return { ok: true }
      },
    })
    for (let n = 0; n < 12; n++) await kind.enqueue({ n })
    expect((await kind.run()).ran).toBe(12)
    expect(most).toBe(3)
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(12).keys()])
    expect(await db.job.count({ where: { kind: 'test-concurrent', status: 'DONE' } })).toBe(12)
  })

  it('runs once more when asked during a pass: a job queued meanwhile goes out before the first run returns', async () => {
    let queueSecond: (() => Promise<unknown>) | undefined
    const seen: number[] = []
    const kind = defineJobKind<{ n: number }>({
      name: 'test-again',
      maxAttempts: 1,
      retryMinutes: 1,
      batch: 10,
      async handle(payload) {
        seen.push(payload.n)
        // While the first job runs, another is queued and a run is asked for (as a second publish would).
        if (queueSecond) {
          const queue = queueSecond
          queueSecond = undefined
          await queue()
          expect(await kind.run()).toEqual({ ran: 0, touched: [] })
        }
        return { ok: true, touched: [`t${payload.n}`] }
      },
    })
    queueSecond = () => kind.enqueue({ n: 2 })
    await kind.enqueue({ n: 1 })
    const report = await kind.run()
    expect(seen).toEqual([1, 2])
    expect(report).toEqual({ ran: 2, touched: ['t1', 't2'] })
  })

  it('lets one worker win a claim', async () => {
    const { kind } = kindAnswering('test-claim', [])
    const { id } = await kind.enqueue({ n: 2 })
    const results = await Promise.all([claimJob({ id, attempts: 0 }), claimJob({ id, attempts: 0 })])
    expect(results.filter(Boolean)).toHaveLength(1)
    const job = await jobOf(id)
    expect(job).toMatchObject({ status: 'RUNNING', attempts: 1 })
    expect(job.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + LEASE_MS - MINUTE)
  })

  it('lets one worker win a claim across connections, each having read the job before either claimed it', async () => {
    // Another process is another connection. (Not raced with Promise.all: in one process, better-sqlite3's busy
    // wait is synchronous and would stall the connection holding the lock.)
    const { kind } = kindAnswering('test-claim-2', [])
    const { id } = await kind.enqueue({ n: 3 })
    const read = { id, attempts: 0 }
    expect(await claimJob(read, other)).toBe(true)
    expect(await claimJob(read, db)).toBe(false)
    // Back in the queue after a retry, a claim made with the stale read of its attempts still loses.
    await db.job.update({ where: { id }, data: { status: 'QUEUED' } })
    expect(await claimJob(read, db)).toBe(false)
    expect(await claimJob({ id, attempts: 1 }, db)).toBe(true)
  })

  it('retries with back-off (retryMinutes × 4^(attempt − 1)) and fails after the last attempt', async () => {
    const retry = (result: string): JobOutcome => ({ ok: false, retry: true, result })
    const { kind, seen } = kindAnswering('test-backoff', [retry('one'), retry('two'), retry('three')])
    const { id } = await kind.enqueue({ n: 3 })
    for (const [attempt, wait] of [
      [1, 2],
      [2, 8],
    ] as const) {
      const before = Date.now()
      await kind.run()
      const job = await jobOf(id)
      expect(job).toMatchObject({ status: 'QUEUED', attempts: attempt })
      expect(job.runAfter.getTime() - before).toBeGreaterThanOrEqual(wait * MINUTE)
      expect(job.runAfter.getTime() - Date.now()).toBeLessThanOrEqual(wait * MINUTE)
      // Not due yet: a pass leaves it alone.
      expect((await kind.run()).ran).toBe(0)
      await makeDue(id)
    }
    await kind.run()
    expect(await jobOf(id)).toMatchObject({ status: 'FAILED', attempts: 3, result: 'three' })
    expect(seen.map((s) => s.attempts)).toEqual([1, 2, 3])
  })

  it('records a refusal as failed at once, and a thrown error as worth a retry', async () => {
    const { kind } = kindAnswering('test-fail', [{ ok: false, retry: false, result: 'no' }, new Error('boom')])
    const refused = await kind.enqueue({ n: 4 })
    await kind.run()
    expect(await jobOf(refused.id)).toMatchObject({ status: 'FAILED', attempts: 1, result: 'no' })
    const thrown = await kind.enqueue({ n: 5 })
    await kind.run()
    expect(await jobOf(thrown.id)).toMatchObject({ status: 'QUEUED', attempts: 1, result: 'boom' })
  })

  it('takes up a job whose claim lapsed, and leaves one whose claim holds', async () => {
    const { kind, seen } = kindAnswering('test-stale', [])
    const lapsed = await kind.enqueue({ n: 6 })
    const held = await kind.enqueue({ n: 7 })
    await db.job.update({
      where: { id: lapsed.id },
      data: { status: 'RUNNING', attempts: 1, lockedUntil: new Date(Date.now() - 1000) },
    })
    await db.job.update({
      where: { id: held.id },
      data: { status: 'RUNNING', attempts: 1, lockedUntil: new Date(Date.now() + LEASE_MS) },
    })
    expect((await kind.run()).ran).toBe(1)
    expect(seen).toEqual([{ payload: { n: 6 }, attempts: 2 }])
    expect(await jobOf(lapsed.id)).toMatchObject({ status: 'DONE', attempts: 2 })
    expect(await jobOf(held.id)).toMatchObject({ status: 'RUNNING', attempts: 1 })
  })

  it('keeps one waiting job per key, and runs only its own kind', async () => {
    const { kind } = kindAnswering('test-key', [])
    const { kind: neighbour, seen } = kindAnswering('test-neighbour', [])
    const first = await kind.enqueue({ n: 8 }, { key: 'k' })
    expect(await kind.enqueue({ n: 9 }, { key: 'k' })).toEqual(first)
    expect(await kind.countWaiting()).toBe(1)
    expect((await neighbour.run()).ran).toBe(0)
    expect(seen).toEqual([])
    await kind.run()
    expect((await kind.enqueue({ n: 10 }, { key: 'k' })).id).not.toBe(first.id)
    expect((await kind.find(first.id))?.payload).toEqual({ n: 8 })
    expect(await neighbour.find(first.id)).toBeNull()
  })

  it('puts a finished job back in the queue as new', async () => {
    const { kind, seen } = kindAnswering('test-requeue', [])
    const { id } = await kind.enqueue({ n: 11 })
    await kind.run()
    await kind.requeue(id, new Date(Date.now() + MINUTE))
    expect(await jobOf(id)).toMatchObject({ status: 'QUEUED', attempts: 0 })
    expect((await kind.run()).ran).toBe(0)
    await makeDue(id)
    await kind.run()
    expect(seen.map((s) => s.attempts)).toEqual([1, 1])
  })
})

// SQLite's write lock, held by another connection, is what made a job's bookkeeping fail under load.
describe.skipIf(providerUnderTest() !== 'sqlite')('a job whose outcome cannot be written at once', () => {
  it('is neither run again nor lost: its outcome is written at the next pass', async () => {
    const file = (process.env.DATABASE_URL ?? '').replace(/^file:/, '')
    const locker = new Database(file)
    let runs = 0
    const kind = defineJobKind<{ n: number }>({
      name: 'test-unrecorded',
      maxAttempts: 3,
      retryMinutes: 1,
      batch: 10,
      recordBudgetMs: 1500,
      async handle() {
        runs++
        // The handler's work is done (a mail sent, say) when another writer takes the lock for a while.
        if (runs === 1) locker.exec('BEGIN IMMEDIATE')
        return { ok: true, result: 'sent', touched: ['tag-of-the-job'] }
      },
    })
    try {
      const { id } = await kind.enqueue({ n: 1 })
      const first = await kind.run()
      expect(first).toMatchObject({ ran: 1, touched: [] })
      expect(await other.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RUNNING' })
      locker.exec('ROLLBACK')
      // Even with its claim lapsed, this process does not run it again: it writes the outcome it kept.
      await db.job.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1000) } })
      const second = await kind.run()
      expect(second).toMatchObject({ ran: 0, touched: ['tag-of-the-job'] })
      expect(runs).toBe(1)
      expect(await jobOf(id)).toMatchObject({ status: 'DONE', result: 'sent', attempts: 1, lockedUntil: null })
    } finally {
      if (locker.inTransaction) locker.exec('ROLLBACK')
      locker.close()
    }
  })
})
