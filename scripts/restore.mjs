#!/usr/bin/env node
// `npm run restore -- <backup> [--yes]`: replaces the database DATABASE_URL names with a backup made by
// `npm run backup`, after a confirmation and after saving the current one next to it. Stop the server first.
// SQLite takes a .db backup; PostgreSQL a pg_dump custom archive (.dump), restored in one transaction.
import './lib/load-env.mjs'
import { existsSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import Database from 'better-sqlite3'
import { databasePath, root } from './lib/steps.mjs'
import { providerOf } from './lib/providers.ts'
import { redact } from './lib/pg-migrations.ts'
import {
  BackupError,
  backupKind,
  checkPsqlNotOlder,
  checkTool,
  dumpPostgres,
  inspectDump,
  restorePostgres,
  serverMajorVersion,
  timestamp,
  unusedName,
} from './lib/pg-backup.ts'

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
if (!file) {
  console.error('usage: npm run restore -- <backup.db or backup.dump> [--yes]')
  process.exit(1)
}
const source = resolve(root, file)
if (!existsSync(source)) {
  console.error(`restore: no such file: ${source}`)
  process.exit(1)
}
const url = process.env.DATABASE_URL || 'file:./prisma/daisy.db'

try {
  if (providerOf(url) === 'postgresql') await restoreIntoPostgres()
  else await restoreIntoSqlite()
} catch (error) {
  console.error(`restore: ${error instanceof BackupError ? error.message : `failed: ${error.message}`}`)
  process.exit(1)
}
// Pages were prerendered from the old data: make the next `npm start` build again.
rmSync(join(root, process.env.DAISY_DIST_DIR || '.next', 'daisy-build-stamp'), { force: true })
console.log('restore: done. Run npm start (it applies any newer migrations and rebuilds).')

/** Asks before anything changes (unless --yes); exits when the answer is not "restore". */
async function confirm() {
  if (args.includes('--yes')) return
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await rl.question('Type "restore" to go on: ')
  rl.close()
  if (answer.trim() !== 'restore') {
    console.log('restore: nothing changed.')
    process.exit(0)
  }
}

async function restoreIntoPostgres() {
  const major = await serverMajorVersion(url)
  const pgRestore = await checkTool('pg_restore', major)
  await checkTool('pg_dump', major)
  checkPsqlNotOlder(await checkTool('psql', major), pgRestore)
  const dump = await inspectDump(source)
  console.log(
    `restore: ${source} is a backup of the database ${dump.database ?? '(unnamed)'} made ${dump.created ? `at ${dump.created}` : 'at an unknown time'} ` +
      `(PostgreSQL ${dump.serverVersion ?? '?'}, ${dump.tables.length} tables).`,
  )
  console.log(`restore: it will replace the content of ${redact(url)}. Stop the server first.`)
  await confirm()
  const saved = unusedName(`${source}.before-restore-${timestamp()}`, '.dump')
  await dumpPostgres(url, saved)
  console.log(`restore: the current database was saved as ${saved}`)
  try {
    await restorePostgres(url, source, { dump, serverMajor: major })
  } catch (error) {
    const held = /lock timeout/.test(error.message)
      ? '\nA table stayed in use for 15 s (is a server still running on this database?): stop it and run the restore again.'
      : ''
    throw new BackupError(
      `${error.message}\nThe restore ran in one transaction and was rolled back: the database is as it was.${held}`,
    )
  }
}

async function restoreIntoSqlite() {
  const target = databasePath(url)
  if (backupKind(source) === 'postgresql')
    throw new BackupError(
      `${source} is a PostgreSQL backup (pg_dump), but DATABASE_URL names a SQLite database. Restore it with ` +
        'DATABASE_URL set to the PostgreSQL database, or move the content with npm run export and npm run import:wxr.',
    )
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
    throw new BackupError(`${source} is not a Daisy database (${error.message})`)
  }
  if (summary.integrity !== 'ok')
    throw new BackupError(`the backup fails SQLite's integrity check: ${summary.integrity}`)
  console.log(
    `restore: ${source} holds ${summary.posts} posts and ${summary.comments} comments (${summary.migrations} migrations applied).`,
  )
  console.log(`restore: it will replace ${target}. Stop the server first.`)
  await confirm()
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
}
