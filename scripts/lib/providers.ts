// Daisy's two database providers from one source of truth. prisma/schema.prisma (SQLite, the embedded default)
// holds the models; the PostgreSQL schema is written from it (prisma/postgresql/schema.prisma, committed, never
// edited by hand), and each provider has its own migrations folder, written together by `npm run db:migration`.
// scripts/providers.test.ts checks that the PostgreSQL schema and both providers' migrations are in step.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { root } from './paths.ts'

export type Provider = 'sqlite' | 'postgresql'

/** Where each provider's schema, migrations and generated client live (paths relative to the project). */
export interface ProviderPaths {
  schema: string
  migrations: string
  client: string
}

export const PROVIDERS: Record<Provider, ProviderPaths> = {
  sqlite: { schema: 'prisma/schema.prisma', migrations: 'prisma/migrations', client: 'lib/generated/prisma' },
  postgresql: {
    schema: 'prisma/postgresql/schema.prisma',
    migrations: 'prisma/postgresql/migrations',
    client: 'lib/generated/prisma-postgresql',
  },
}

/** Which provider a DATABASE_URL is for: file: is SQLite, postgres(ql): is PostgreSQL. */
export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql'
  if (url.startsWith('file:')) return 'sqlite'
  throw new Error(`DATABASE_URL must be a SQLite file URL (file:./prisma/daisy.db) or a PostgreSQL URL (got "${url}")`)
}

const GENERATED = `// GENERATED from prisma/schema.prisma by scripts/lib/providers.ts (npm run db:migration). Do not edit:
// change prisma/schema.prisma and run \`npm run db:migration <name>\`, which writes this file and both providers'
// migrations.
`

/** The PostgreSQL schema for the SQLite source: same models, its own provider and generated client. */
export function postgresqlSchema(source: string): string {
  const out = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/lib\/generated\/prisma"/, 'output     = "../../lib/generated/prisma-postgresql"')
  if (out === source || !out.includes('provider = "postgresql"') || !out.includes('prisma-postgresql'))
    throw new Error('prisma/schema.prisma: could not find its sqlite provider and client output to rewrite')
  return GENERATED + out
}

/** Writes prisma/postgresql/schema.prisma from prisma/schema.prisma; returns whether it changed. */
export function writeProviderSchemas(): boolean {
  const source = readFileSync(join(root, PROVIDERS.sqlite.schema), 'utf8')
  const target = join(root, PROVIDERS.postgresql.schema)
  const wanted = postgresqlSchema(source)
  let current = ''
  try {
    current = readFileSync(target, 'utf8')
  } catch {
    // Not written yet.
  }
  if (current === wanted) return false
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, wanted)
  return true
}
