#!/usr/bin/env node
// `npm run backup [-- <folder>]`: a consistent copy of the live database, named with a timestamp, safe while
// the server runs. SQLite: through SQLite's online backup API (daisy-<time>.db). PostgreSQL: pg_dump's custom
// format (daisy-<time>.dump), checked with pg_restore --list. Default folder: backups/.
import './lib/load-env.mjs'
import { mkdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { databasePath, root } from './lib/steps.mjs'
import { providerOf } from './lib/providers.ts'
import {
  BackupError,
  checkTool,
  countRows,
  dumpPostgres,
  inspectDump,
  serverMajorVersion,
  sizeLabel,
  timestamp,
  unusedName,
} from './lib/pg-backup.ts'

const url = process.env.DATABASE_URL || 'file:./prisma/daisy.db'
const folder = resolve(root, process.argv[2] ?? 'backups')
mkdirSync(folder, { recursive: true })
const stamp = timestamp()
const size = (file) => sizeLabel(statSync(file).size)

try {
  if (providerOf(url) === 'postgresql') await backupPostgres()
  else await backupSqlite()
} catch (error) {
  console.error(`backup: ${error instanceof BackupError ? error.message : `failed: ${error.message}`}`)
  process.exit(1)
}

async function backupPostgres() {
  const target = unusedName(join(folder, `daisy-${stamp}`), '.dump')
  await checkTool('pg_dump', await serverMajorVersion(url))
  await dumpPostgres(url, target)
  // Readable from end to end, and a Daisy database: what restore will check too.
  const { tables } = await inspectDump(target)
  const { posts, comments } = await countRows(url)
  console.log(
    `backup: ${target} (${size(target)}, ${tables.length} tables; the database holds ${posts} posts, ${comments} comments; pg_restore --list ok)`,
  )
}

async function backupSqlite() {
  const source = databasePath(url)
  const target = unusedName(join(folder, `daisy-${stamp}`), '.db')
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
  console.log(`backup: ${target} (${size(target)}, ${posts} posts, ${comments} comments, integrity ${ok})`)
}
