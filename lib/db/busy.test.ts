// Lock errors from a real SQLite file held by a second connection, the way a `sqlite3` shell or another process
// does; on PostgreSQL, a Serializable transaction that loses to a concurrent one.
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BUSY_TIMEOUT_MS, type Db } from '.'
import { isDatabaseBusy, withBusyRetry } from './busy'
import { createTestDb } from '../test/db'
import { providerUnderTest } from '../test/template'

const newKey = () => `key-${Math.random()}`
const failure = (db: Db) => db.loginThrottle.create({ data: { key: newKey(), failures: 1, lastFailure: new Date() } })
/** Reads, then writes: the shape of posting a comment (duplicate check, then insert) and of sign-in throttling. */
const readThenWrite = (db: Db) =>
  db.$transaction(async (tx) => {
    await tx.loginThrottle.findMany()
    return tx.loginThrottle.create({ data: { key: newKey(), failures: 1, lastFailure: new Date() } })
  })

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected it to fail')
}

// PostgreSQL has no file lock to hold: its form of "another connection got there first" is tested below.
describe.skipIf(providerUnderTest() !== 'sqlite')('writes while another connection holds the write lock', () => {
  let db: Db
  let other: Database.Database

  beforeAll(async () => {
    const test = createTestDb()
    db = test.db
    await db.loginThrottle.findMany() // connected, WAL on
    other = new Database(test.file!)
  })
  afterEach(() => {
    if (other.inTransaction) other.exec('ROLLBACK')
  })
  afterAll(async () => {
    other.close()
    await db.$disconnect()
  })

  it('recognises the error a single write ends with after the busy timeout', async () => {
    other.exec('BEGIN IMMEDIATE')
    const started = Date.now()
    const error = await caught(failure(db))
    expect(Date.now() - started).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 50)
    expect(isDatabaseBusy(error)).toBe(true)
    expect(error).toMatchObject({ code: 'P1008' })
  })

  it('retries a transaction that read first until the lock is released', async () => {
    other.exec('BEGIN IMMEDIATE')
    setTimeout(() => other.exec('COMMIT'), 700)
    const started = Date.now()
    await expect(readThenWrite(db)).resolves.toMatchObject({ failures: 1 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(600)
  })

  it('gives up on a transaction after its retry budget with an error isDatabaseBusy recognises', async () => {
    other.exec('BEGIN IMMEDIATE')
    const started = Date.now()
    const error = await caught(readThenWrite(db))
    const took = Date.now() - started
    expect(isDatabaseBusy(error)).toBe(true)
    expect(took).toBeGreaterThanOrEqual(2500)
    expect(took).toBeLessThan(8000)
  })

  it('retries a transaction whose snapshot went stale (another connection committed since it read)', async () => {
    let attempts = 0
    await db.$transaction(async (tx) => {
      attempts++
      await tx.loginThrottle.findMany()
      if (attempts === 1)
        other.prepare('INSERT INTO "LoginThrottle" (key, failures, lastFailure) VALUES (?, 1, 0)').run(newKey())
      await tx.loginThrottle.create({ data: { key: newKey(), failures: 1, lastFailure: new Date() } })
    })
    expect(attempts).toBe(2)
  })

  it('withBusyRetry tries a single write again until the lock is released', async () => {
    other.exec('BEGIN IMMEDIATE')
    setTimeout(() => other.exec('COMMIT'), 1500)
    await expect(withBusyRetry(() => failure(db), { budgetMs: 5000 })).resolves.toMatchObject({ failures: 1 })
  })

  it('withBusyRetry rethrows other errors at once, and a busy error once the budget is spent', async () => {
    const key = newKey()
    await db.loginThrottle.create({ data: { key, failures: 1 } })
    let tries = 0
    const duplicate = await caught(
      withBusyRetry(() => (tries++, db.loginThrottle.create({ data: { key, failures: 1 } }))),
    )
    expect(tries).toBe(1)
    expect(isDatabaseBusy(duplicate)).toBe(false)

    other.exec('BEGIN IMMEDIATE')
    tries = 0
    const busy = await caught(withBusyRetry(() => (tries++, failure(db)), { budgetMs: 1500 }))
    expect(isDatabaseBusy(busy)).toBe(true)
    expect(tries).toBeGreaterThanOrEqual(2)
  })
})

describe.skipIf(providerUnderTest() !== 'postgresql')('Serializable transactions that collide on PostgreSQL', () => {
  let db: Db
  beforeAll(() => {
    db = createTestDb().db
  })
  // After a serialization failure at COMMIT, @prisma/adapter-pg 6.19's pool sometimes never finishes ending
  // (queries go on working): wait a moment, not the whole hook timeout. The database is dropped after the run.
  afterAll(() => Promise.race([db.$disconnect(), new Promise((resolve) => setTimeout(resolve, 2000))]))

  it('runs the loser again, so both land (each read the count, then wrote: a write skew)', async () => {
    let attempts = 0
    // Both read before either writes, so one of them must fail with 40001 at commit and be run again.
    let arrived = 0
    let release!: () => void
    const bothRead = new Promise<void>((resolve) => (release = resolve))
    const countThenInsert = () =>
      db.$transaction(
        async (tx) => {
          attempts++
          const n = await tx.loginThrottle.count()
          if (++arrived === 2) release()
          await Promise.race([bothRead, new Promise((resolve) => setTimeout(resolve, 2000))])
          return tx.loginThrottle.create({ data: { key: newKey(), failures: n + 1, lastFailure: new Date() } })
        },
        { isolationLevel: 'Serializable' },
      )
    const [a, b] = await Promise.all([countThenInsert(), countThenInsert()])
    expect(attempts).toBeGreaterThanOrEqual(3)
    expect([a.failures, b.failures].sort()).toEqual([1, 2])
  })
})

describe('isDatabaseBusy', () => {
  it('says no to errors that are not about the lock', () => {
    expect(isDatabaseBusy(new Error('Unique constraint failed'))).toBe(false)
    expect(isDatabaseBusy({ code: 'P2002', message: 'Unique constraint failed on the fields: (`key`)' })).toBe(false)
    expect(
      isDatabaseBusy({ code: 'P2028', message: 'Transaction already closed: the transaction was committed' }),
    ).toBe(false)
    expect(isDatabaseBusy(null)).toBe(false)
    expect(isDatabaseBusy('database is locked')).toBe(false)
  })

  it('finds the lock in the shapes better-sqlite3 and Prisma give it', () => {
    expect(isDatabaseBusy(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true)
    expect(
      isDatabaseBusy({
        code: 'P2028',
        message: 'Transaction API error: Unable to start a transaction in the given time.',
      }),
    ).toBe(true)
    expect(
      isDatabaseBusy(new Error('wrapped', { cause: { originalCode: 'SQLITE_BUSY', kind: 'SocketTimeout' } })),
    ).toBe(true)
  })
})
