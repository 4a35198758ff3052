// One source of truth for two databases: the PostgreSQL schema is what scripts/lib/providers.ts writes from
// prisma/schema.prisma, and each provider's migrations end at its schema (no change left unmigrated).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PROVIDERS, postgresqlSchema, providerOf } from './lib/providers.ts'
import { pendingSchemaChange } from './lib/schema-diff.ts'

describe('the two providers', () => {
  it('keeps prisma/postgresql/schema.prisma as written from prisma/schema.prisma (run npm run db:generate)', () => {
    const source = readFileSync(PROVIDERS.sqlite.schema, 'utf8')
    expect(readFileSync(PROVIDERS.postgresql.schema, 'utf8')).toBe(postgresqlSchema(source))
  })

  it('tells the providers apart by DATABASE_URL, and refuses anything else', () => {
    expect(providerOf('file:./prisma/daisy.db')).toBe('sqlite')
    expect(providerOf('postgresql://daisy@db.internal:5432/daisy')).toBe('postgresql')
    expect(providerOf('postgres://localhost/daisy')).toBe('postgresql')
    expect(() => providerOf('mysql://localhost/daisy')).toThrow(/SQLite file URL .* or a PostgreSQL URL/)
  })

  it('sqlite: the migrations are in step with the schema', () => {
    expect(pendingSchemaChange('sqlite')).toBe('')
  })

  // Prisma's engine compares PostgreSQL schemas through a live server: npm test finds one (DAISY_POSTGRES_URL).
  it.skipIf(!process.env.DAISY_POSTGRES_URL && !process.env.TEST_DATABASE_URL)(
    'postgresql: the migrations are in step with the schema',
    () => {
      expect(pendingSchemaChange('postgresql')).toBe('')
    },
  )
})
