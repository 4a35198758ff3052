#!/usr/bin/env node
// `npm run db:migration <name>`: writes a new migration from the change to prisma/schema.prisma, for both
// providers: prisma/migrations (SQLite) and prisma/postgresql/migrations (PostgreSQL, whose schema is first
// rewritten from the source by scripts/lib/providers.ts). Offline for SQLite (`migrate diff` runs as
// WebAssembly); the PostgreSQL diff needs a server to talk to (TEST_DATABASE_URL, else the local one).
// Each migration keeps a copy of the schema it produced (schema.prisma beside migration.sql), and the next one
// is diffed from that copy: schema to schema, so the hand-written full-text search (FTS5 tables and triggers on
// SQLite, a generated tsvector column on PostgreSQL) never looks like drift to be dropped.
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './lib/steps.mjs'
import { PROVIDERS, writeProviderSchemas } from './lib/providers.ts'
import { pendingSchemaChange } from './lib/schema-diff.ts'

const name = (process.argv[2] ?? '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '')
if (!name) {
  console.error('usage: npm run db:migration <name>')
  process.exit(1)
}
if (writeProviderSchemas()) console.log(`wrote ${PROVIDERS.postgresql.schema} from ${PROVIDERS.sqlite.schema}`)

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
let wrote = 0
for (const provider of ['sqlite', 'postgresql']) {
  const { schema, migrations } = PROVIDERS[provider]
  const dir = join(root, migrations)
  mkdirSync(dir, { recursive: true })
  // Without the lock file `migrate diff` silently writes an empty migration.
  if (!existsSync(join(dir, 'migration_lock.toml')))
    writeFileSync(join(dir, 'migration_lock.toml'), `provider = "${provider}"\n`)
  let sql = pendingSchemaChange(provider)
  if (!sql) {
    console.log(`${schema} has not changed since its last migration: nothing to write for ${provider}`)
    continue
  }
  // SQLite: redefining Post drops its triggers with the table: put the search index maintenance back.
  if (provider === 'sqlite' && /DROP TABLE "Post";/.test(sql)) {
    sql += `\n-- Post was redefined, which dropped its search triggers: recreate them and rebuild the index.\n`
    sql += readFileSync(join(root, 'prisma/sql/post-search.sql'), 'utf8')
  }
  const target = join(dir, `${stamp}_${name}`)
  mkdirSync(target)
  writeFileSync(join(target, 'migration.sql'), sql)
  copyFileSync(join(root, schema), join(target, 'schema.prisma'))
  console.log(`wrote ${target}/migration.sql — review it, then npm run db:migrate`)
  wrote++
}
if (wrote === 0) process.exit(0)
