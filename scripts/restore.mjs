#!/usr/bin/env node
// `npm run restore -- <backup.db> [--yes]`: replaces the database DATABASE_URL names with a backup, after a
// confirmation and after saving the current one next to it. Stop the server first.
import './lib/load-env.mjs'
import { existsSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import Database from 'better-sqlite3'
import { databasePath, root } from './lib/steps.mjs'

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
if (!file) {
  console.error('usage: npm run restore -- <backup.db> [--yes]')
  process.exit(1)
}
const source = resolve(root, file)
if (!existsSync(source)) {
  console.error(`restore: no such file: ${source}`)
  process.exit(1)
}
const target = databasePath(process.env.DATABASE_URL || 'file:./prisma/daisy.db')

// Is it a Daisy database, and a sound one?
let summary
try {
  const check = new Database(source, { readonly: true, fileMustExist: true })
  const integrity = check.pragma('integrity_check', { simple: true })
  const migrations = check.prepare('SELECT count(*) AS n FROM "_prisma_migrations"').get().n
  summary = {
    integrity,
    migrations,
    posts: check.prepare('SELECT count(*) AS n FROM "Post"').get().n,
    comments: check.prepare('SELECT count(*) AS n FROM "Comment"').get().n,
  }
  check.close()
} catch (error) {
  console.error(`restore: ${source} is not a Daisy database (${error.message})`)
  process.exit(1)
}
if (summary.integrity !== 'ok') {
  console.error(`restore: the backup fails SQLite's integrity check: ${summary.integrity}`)
  process.exit(1)
}
console.log(
  `restore: ${source} holds ${summary.posts} posts and ${summary.comments} comments (${summary.migrations} migrations applied).`,
)
console.log(`restore: it will replace ${target}. Stop the server first.`)
if (!args.includes('--yes')) {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await rl.question('Type "restore" to go on: ')
  rl.close()
  if (answer.trim() !== 'restore') {
    console.log('restore: nothing changed.')
    process.exit(0)
  }
}
if (existsSync(target)) {
  const saved = `${target}.before-restore-${Date.now()}`
  const current = new Database(target, { readonly: true })
  await current.backup(saved)
  current.close()
  console.log(`restore: the current database was saved as ${saved}`)
}
const backup = new Database(source, { readonly: true })
await backup.backup(target)
backup.close()
// Pages were prerendered from the old data: make the next `npm start` build again.
rmSync(join(root, process.env.DAISY_DIST_DIR || '.next', 'daisy-build-stamp'), { force: true })
console.log('restore: done. Run npm start (it applies any newer migrations and rebuilds).')
