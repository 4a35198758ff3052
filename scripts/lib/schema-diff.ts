// What a provider's schema holds that its migrations do not yet: `prisma migrate diff` from the schema copy
// kept beside the last migration to the provider's schema now. Used to write migrations (db-migration.mjs) and
// to check in the tests that both providers' migrations are in step with prisma/schema.prisma.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { bin, root } from './paths.ts'
import { PROVIDERS, type Provider } from './providers.ts'

/** Where the PostgreSQL diff may connect (the JS schema engine talks to a server even to compare two schemas). */
export const postgresForDiff = (): string =>
  process.env.DAISY_POSTGRES_URL || process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'

/** The SQL that would bring `provider`'s migrations up to its schema; '' when they are in step. */
export function pendingSchemaChange(provider: Provider): string {
  const { schema, migrations } = PROVIDERS[provider]
  const dir = join(root, migrations)
  const previous = existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => existsSync(join(dir, d, 'schema.prisma')))
        .sort()
        .at(-1)
    : undefined
  const from = previous ? ['--from-schema-datamodel', join(dir, previous, 'schema.prisma')] : ['--from-empty']
  const sql = execFileSync(bin('prisma'), ['migrate', 'diff', ...from, '--to-schema-datamodel', schema, '--script'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: provider === 'postgresql' ? postgresForDiff() : 'file:./prisma/daisy.db' },
  })
  return !sql.trim() || /This is an empty migration/.test(sql) ? '' : sql
}
