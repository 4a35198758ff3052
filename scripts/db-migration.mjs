#!/usr/bin/env node
// `npm run db:migration <name>`: writes a new migration from the change to prisma/schema.prisma, offline.
// `prisma migrate dev` needs a native engine; `migrate diff` runs as WebAssembly. Each migration keeps a copy
// of the schema it produced (schema.prisma beside migration.sql), and the next one is diffed from that copy:
// schema to schema, so the hand-written full-text search tables never look like drift to be dropped.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { bin, root } from './lib/steps.mjs'

const name = (process.argv[2] ?? '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '')
if (!name) {
  console.error('usage: npm run db:migration <name>')
  process.exit(1)
}
const dir = join(root, 'prisma/migrations')
mkdirSync(dir, { recursive: true })
// Without the lock file `migrate diff` silently writes an empty migration.
if (!existsSync(join(dir, 'migration_lock.toml')))
  writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "sqlite"\n')

const previous = readdirSync(dir)
  .filter((d) => existsSync(join(dir, d, 'schema.prisma')))
  .sort()
  .at(-1)
const from = previous ? ['--from-schema-datamodel', join(dir, previous, 'schema.prisma')] : ['--from-empty']
let sql = execFileSync(
  bin('prisma'),
  ['migrate', 'diff', ...from, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
  {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  console.log('prisma/schema.prisma has not changed since the last migration: nothing to write')
  process.exit(0)
}
// Redefining Post drops its triggers with the table: put the search index maintenance back.
if (/DROP TABLE "Post";/.test(sql)) {
  sql += `\n-- Post was redefined, which dropped its search triggers: recreate them and rebuild the index.\n`
  sql += readFileSync(join(root, 'prisma/sql/post-search.sql'), 'utf8')
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const target = join(dir, `${stamp}_${name}`)
mkdirSync(target)
writeFileSync(join(target, 'migration.sql'), sql)
copyFileSync(join(root, 'prisma/schema.prisma'), join(target, 'schema.prisma'))
console.log(`wrote ${target}/migration.sql — review it, then npm run db:migrate`)
