import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { db } from '../db'

describe("the app's own client in unit tests", () => {
  it('opens a migrated copy of the template that belongs to this test file', async () => {
    const url = process.env.DATABASE_URL ?? ''
    expect(url).toMatch(/^file:.+test\.db$/)
    expect(url).not.toBe(`file:${inject('templateDb')}`)
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('Post', 'Comment', 'Job')",
    )
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['Post', 'Comment']))
    await db.user.create({ data: { email: 'one@daisy.test', name: 'One', role: 'ADMIN', slug: 'one' } })
    expect(await db.user.count()).toBe(1)
  })
})
