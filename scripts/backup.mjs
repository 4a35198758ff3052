#!/usr/bin/env node
// `npm run backup [-- <folder>]`: a consistent copy of the live SQLite database through SQLite's online
// backup API (safe while the server runs), named with a timestamp. Default folder: backups/.
import './lib/load-env.mjs'
import { mkdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { databasePath, root } from './lib/steps.mjs'

const source = databasePath(process.env.DATABASE_URL || 'file:./prisma/daisy.db')
const folder = resolve(root, process.argv[2] ?? 'backups')
mkdirSync(folder, { recursive: true })
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
const target = join(folder, `daisy-${stamp}.db`)

const db = new Database(source, { readonly: true, fileMustExist: true })
try {
  await db.backup(target)
} finally {
  db.close()
}
// One self-contained file: no -wal or -shm beside it.
const copy = new Database(target)
copy.pragma('journal_mode = DELETE')
copy.close()
const check = new Database(target, { readonly: true })
const ok = check.pragma('integrity_check', { simple: true })
const posts = check.prepare('SELECT count(*) AS n FROM "Post"').get().n
const comments = check.prepare('SELECT count(*) AS n FROM "Comment"').get().n
check.close()
console.log(
  `backup: ${target} (${(statSync(target).size / 1024 / 1024).toFixed(1)} MB, ${posts} posts, ${comments} comments, integrity ${ok})`,
)
