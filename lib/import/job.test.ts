// The import lock shared by every node: two clients on one real database (SQLite, or PostgreSQL in the
// PostgreSQL run) stand for two app nodes behind a load balancer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createClient, type Db } from '../db'
import { claimLease, readLease, releaseLease, renewLease } from '../db/leases'
import { createTestDb } from '../test/db'
import { importJobs } from './job'

let nodeA: Db
let nodeB: Db
beforeAll(() => {
  const test = createTestDb()
  nodeA = test.db
  nodeB = createClient(test.url)
})
afterAll(async () => {
  await nodeA.$disconnect()
  await nodeB.$disconnect()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
let n = 0
const leaseName = () => `test-${++n}`

describe('leases', () => {
  // On SQLite two clients in one process meet each other's write lock with the whole thread waiting (the busy
  // timeout is synchronous), so a collision costs a second there: a few rounds only.
  it('goes to exactly one of several claims made at the same moment, from two nodes', async () => {
    for (let round = 0; round < 3; round++) {
      const name = leaseName()
      const claims = await Promise.all([nodeA, nodeB].map((node, i) => claimLease(node, name, `holder-${i}`, 60_000)))
      expect(claims.filter(Boolean)).toHaveLength(1)
    }
  })

  it('is refused while held, renewed only by its holder, and taken over once it lapses', async () => {
    const name = leaseName()
    expect(await claimLease(nodeA, name, 'a', 300)).toBe(true)
    expect(await claimLease(nodeB, name, 'b', 300)).toBe(false)
    expect(await renewLease(nodeB, name, 'b', 300)).toBe(false)
    expect(await renewLease(nodeA, name, 'a', 300)).toBe(true)
    await sleep(350)
    // Node A stopped renewing (it crashed): B may take the lease, and A finds it gone.
    expect(await claimLease(nodeB, name, 'b', 60_000, '{"x":1}')).toBe(true)
    expect(await renewLease(nodeA, name, 'a', 300)).toBe(false)
    expect(await releaseLease(nodeA, name, 'a')).toBe(false)
    expect(await readLease(nodeA, name)).toMatchObject({ holder: 'b', data: '{"x":1}' })
    // Released: free for the next claim at once.
    expect(await releaseLease(nodeB, name, 'b')).toBe(true)
    expect(await claimLease(nodeA, name, 'a', 60_000)).toBe(true)
  })
})

describe('the import lock across nodes', () => {
  let a: ReturnType<typeof importJobs>
  let b: ReturnType<typeof importJobs>
  beforeAll(() => {
    a = importJobs(nodeA)
    b = importJobs(nodeB)
  })

  it('lets one node import at a time, and shows its progress on the other, written at a throttled rate', async () => {
    expect(await b.currentImport()).toBeNull()
    expect(await a.startImport()).toBe(true)
    expect(await b.startImport()).toBe(false)
    expect(await a.startImport()).toBe(false)
    expect(await b.currentImport()).toMatchObject({ running: true, phase: 'reading' })

    // A change of phase is written at once (with the rows counted by the time the write goes out); more rows
    // within the next second are not written until the second is over.
    for (let done = 1; done <= 100; done++) a.updateImport({ phase: 'importing', done, total: 200 })
    await vi.waitFor(async () => expect(await b.currentImport()).toMatchObject({ phase: 'importing', done: 100 }))
    a.updateImport({ phase: 'importing', done: 120, total: 200 })
    await sleep(300)
    expect(await b.currentImport()).toMatchObject({ done: 100 })
    await sleep(800)
    a.updateImport({ phase: 'importing', done: 150, total: 200 })
    await vi.waitFor(async () => expect(await b.currentImport()).toMatchObject({ running: true, done: 150 }))

    await a.finishImport()
    expect(await b.currentImport()).toMatchObject({ running: false, phase: 'importing', done: 150, total: 200 })
    expect(await b.startImport()).toBe(true)
    await b.finishImport()
  })

  it('frees the lock of a node that died once its lease lapses, and stops that node if it comes back', async () => {
    expect(await a.startImport()).toBe(true)
    // Node A stalls or crashes: its lease is not renewed and lapses.
    await nodeB.lease.updateMany({ where: { name: 'wxr-import' }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await b.currentImport()).toMatchObject({ running: false })
    expect(await b.startImport()).toBe(true)
    expect(await a.currentImport()).toMatchObject({ running: true, phase: 'reading', done: 0 })
    // A wakes up: its next progress write finds the lease gone, and the import after it stops.
    await vi.waitFor(() =>
      expect(() => a.updateImport({ phase: 'finishing', done: 0, total: 0 })).toThrow(/lost its lock/),
    )
    await a.finishImport()
    // A's finishing did not touch B's lease.
    expect(await a.currentImport()).toMatchObject({ running: true })
    await b.finishImport()
  })
})
