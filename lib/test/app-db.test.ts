import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { db, provider } from '../db'

describe("the app's own client in unit tests", () => {
  it('opens a migrated copy of the template that belongs to this test file', async () => {
    const url = process.env.DATABASE_URL ?? ''
    const run = inject('postgresRun')
    if (run) {
      // TEST_DATABASE_URL: a PostgreSQL database of this run's own, copied from its template.
      expect(provider).toBe('postgresql')
      expect(new URL(url).pathname).toMatch(new RegExp(`^/${run}_[0-9a-f]{10}$`))
    } else {
      expect(provider).toBe('sqlite')
      expect(url).toMatch(/^file:.+test\.db$/)
      expect(url).not.toBe(`file:${inject('templateDb')}`)
    }
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      provider === 'postgresql'
        ? `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('Post', 'Comment', 'Job')`
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('Post', 'Comment', 'Job')",
    )
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['Post', 'Comment', 'Job']))
    await db.user.create({ data: { email: 'one@daisy.test', name: 'One', role: 'ADMIN', slug: 'one' } })
    expect(await db.user.count()).toBe(1)
  })
})
