// A Serializable transaction that PostgreSQL fails at COMMIT must give its connection back to the pool
// (lib/db/pg-adapter.ts). Real PostgreSQL only: SQLite has no such commit-time failure.
import { afterAll, describe, expect, it } from 'vitest'
import { createClient, type Db } from '.'
import { copyTemplateUrl } from '../test/template'

function barrier() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL transactions that fail at COMMIT', () => {
  const clients: Db[] = []
  afterAll(() => Promise.all(clients.map((c) => c.$disconnect())))

  it('write skew: the loser fails at COMMIT, runs again and wins, and the pool still has both connections', async () => {
    const db = createClient(copyTemplateUrl(), { poolSize: 2 })
    clients.push(db)
    await db.$executeRawUnsafe('CREATE TABLE skew (k int NOT NULL)')
    const bothRead = [barrier(), barrier()]
    const bothWrote = [barrier(), barrier()]
    const firstCommitted = barrier()
    const runs = [0, 0]
    // Each reads the rows the other inserts: PostgreSQL lets only one of them commit as it is.
    const skewed = (me: 0 | 1) =>
      db.$transaction(
        async (tx) => {
          runs[me]!++
          await tx.$queryRawUnsafe(`SELECT count(*)::int AS n FROM skew WHERE k = ${me + 1}`)
          bothRead[me]!.open()
          await Promise.all(bothRead.map((b) => b.opened))
          await tx.$executeRawUnsafe(`INSERT INTO skew (k) VALUES (${2 - me})`)
          bothWrote[me]!.open()
          await Promise.all(bothWrote.map((b) => b.opened))
          // The second one commits only after the first did, so its conflict shows at its COMMIT.
          if (me === 1) await firstCommitted.opened
        },
        { isolationLevel: 'Serializable' },
      )
    const first = skewed(0).then(() => firstCommitted.open())
    await Promise.all([first, skewed(1)])
    expect(runs).toEqual([1, 2])
    expect(await db.$queryRawUnsafe('SELECT k FROM skew ORDER BY k')).toEqual([{ k: 1 }, { k: 2 }])

    // Two transactions open at the same moment need both connections: a leaked one would leave only one.
    const together = [barrier(), barrier()]
    await Promise.all(
      [0, 1].map((me) =>
        db.$transaction(
          async (tx) => {
            await tx.$queryRawUnsafe('SELECT 1')
            together[me]!.open()
            await Promise.all(together.map((b) => b.opened))
          },
          { maxWait: 2000 },
        ),
      ),
    )
  })
})
