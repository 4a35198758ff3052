#!/usr/bin/env node
// Writes a new migration from the difference between the applied migrations and prisma/schema.prisma,
// the offline way (`prisma migrate dev` needs a native engine this project does not download).
// Usage: npm run db:migration <name>
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const name = (process.argv[2] ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')
if (!name) {
  console.error('usage: npm run db:migration <name>')
  process.exit(1)
}
const dir = 'prisma/migrations'
if (!existsSync(join(dir, 'migration_lock.toml'))) {
  // Without the lock file `migrate diff` silently writes an empty migration.
  writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "sqlite"\n')
}
const prisma = (args) =>
  execFileSync('npx', ['prisma', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })

const tmpSchema = join(dir, '.previous-schema.prisma')
let sql
try {
  sql = prisma(['migrate', 'diff', '--from-migrations', dir, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'])
} catch {
  // P3006 (no shadow database): diff from the schema as last committed instead.
  console.log('diffing from the committed schema instead of the migrations')
  const previous = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' })
  writeFileSync(tmpSchema, previous)
  try {
    sql = prisma(['migrate', 'diff', '--from-schema-datamodel', tmpSchema, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'])
  } finally {
    rmSync(tmpSchema, { force: true })
  }
}
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  console.log('schema.prisma matches the migrations: nothing to write')
  process.exit(0)
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const target = join(dir, `${stamp}_${name}`)
mkdirSync(target, { recursive: true })
writeFileSync(join(target, 'migration.sql'), sql)
console.log(`wrote ${join(target, 'migration.sql')} (${readFileSync(join(target, 'migration.sql'), 'utf8').split('\n').length} lines)`)
