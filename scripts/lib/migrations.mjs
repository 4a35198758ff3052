// Applying Prisma migrations without tripping over other processes on the SQLite file.
//
// `prisma migrate deploy` (JS schema engine) puts the file in locking_mode=EXCLUSIVE, so it fails after ~8 s
// with "WASM_ERROR: unknown variant `SocketTimeout`" whenever anything else has the file open: a running
// Daisy, a sqlite3 shell, a backup. So: read what is applied with a plain read-only connection first and run
// the engine only when something is pending; before and after running it, recognise "someone else has the
// file open", say so in words, and wait for a bounded time.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { MIGRATIONS_DIR, migrationFolders } from './paths.ts'
import { bin, info, root } from './steps.mjs'

export { MIGRATIONS_DIR, migrationFolders } from './paths.ts'

export const BUSY_EXPLANATION = 'another process has the database open (a running Daisy, a sqlite3 shell or a backup)'

const isBusyError = (error) => typeof error?.code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(error.code)

/**
 * What the database has and lacks, read through a read-only connection (no lock that stops anyone):
 * `pending` folders not applied yet (all of them when the file or `_prisma_migrations` is missing), `failed`
 * migrations Prisma recorded as started but never finished nor rolled back, or `busy` when even a read
 * cannot get in (another process holds the file exclusively, e.g. a migration in progress).
 */
export function migrationStatus(dbFile, dir = MIGRATIONS_DIR) {
  const folders = migrationFolders(dir)
  if (!existsSync(dbFile)) return { busy: false, missing: true, pending: folders, failed: [] }
  let sqlite
  try {
    sqlite = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 1000 })
    const table = sqlite
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
      .get()
    if (!table) return { busy: false, missing: false, pending: folders, failed: [] }
    const rows = sqlite
      .prepare(
        'SELECT migration_name AS name, started_at AS startedAt, finished_at AS finishedAt, rolled_back_at AS rolledBackAt, logs FROM _prisma_migrations',
      )
      .all()
    const applied = new Set(rows.filter((r) => r.finishedAt !== null && r.rolledBackAt === null).map((r) => r.name))
    const failed = rows.filter((r) => r.finishedAt === null && r.rolledBackAt === null && !applied.has(r.name))
    return { busy: false, missing: false, pending: folders.filter((name) => !applied.has(name)), failed }
  } catch (error) {
    if (isBusyError(error)) return { busy: true, missing: false, pending: folders, failed: [] }
    throw error
  } finally {
    sqlite?.close()
  }
}

/**
 * Can the migration engine have the file to itself right now? Takes the same exclusive lock it would, for an
 * instant and without waiting, then lets go. In WAL mode (Daisy's) every open connection blocks this.
 */
export function databaseIsFree(dbFile) {
  if (!existsSync(dbFile)) return true
  let sqlite
  try {
    sqlite = new Database(dbFile, { fileMustExist: true, timeout: 0 })
    sqlite.pragma('locking_mode = EXCLUSIVE')
    sqlite.exec('BEGIN EXCLUSIVE; COMMIT')
    return true
  } catch (error) {
    if (isBusyError(error)) return false
    throw error
  } finally {
    sqlite?.close()
  }
}

/** Does this `prisma migrate deploy` output say the file was locked, rather than that a migration is wrong? */
export function isLockFailure(output) {
  return /SocketTimeout|SQLITE_BUSY|database is locked|database table is locked/i.test(output)
}

/** The engine's own words, without its WebAssembly stack, the config banner and the url warning. */
function engineError(output) {
  const lines = output.split('\n')
  const start = lines.findIndex((line) => /^Error\b|\bError:|^P\d{4}\b/.test(line))
  return (start >= 0 ? lines.slice(start) : lines)
    .filter((line) => !/^\s+at\s|^\s+\d+: |^\s{5,}(at |with )/.test(line))
    .join('\n')
    .trim()
}

const seconds = (ms) => `${Math.round(ms / 100) / 10} s`
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const numberFromEnv = (env, name, fallback) => {
  const value = Number(env[name])
  return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) && value >= 0 ? value : fallback
}

/**
 * Brings the database up to date. Resolves to `{ ok: true, applied }` (applied may be empty: nothing was
 * pending, no engine ran) or `{ ok: false, message }` with an explanation meant for people.
 *
 * Env: DAISY_MIGRATE_WAIT (seconds to keep retrying while the file is in use, default 60),
 * DAISY_MIGRATE_RETRY (seconds between tries, default 5), DAISY_DEBUG=1 prints the engine's raw output,
 * DAISY_MIGRATE_PROBE=0 skips the quick lock check and lets the engine find out itself (tests use it).
 */
export async function migrate({ dbFile, env = process.env, log = info } = {}) {
  const waitMs = numberFromEnv(env, 'DAISY_MIGRATE_WAIT', 60) * 1000
  const retryMs = numberFromEnv(env, 'DAISY_MIGRATE_RETRY', 5) * 1000
  const debug = env.DAISY_DEBUG === '1' || env.DAISY_DEBUG === 'true'
  const probe = env.DAISY_MIGRATE_PROBE !== '0'
  const deadline = Date.now() + waitMs
  let applying = null

  for (;;) {
    const status = migrationStatus(dbFile)
    if (!status.busy) {
      if (status.failed.length > 0) return { ok: false, message: failedMessage(status.failed) }
      if (status.pending.length === 0) {
        if (applying) return { ok: true, applied: applying } // applied meanwhile by someone else
        const count = migrationFolders().length
        log(`all ${count} migration${count === 1 ? ' is' : 's are'} applied: nothing to do`)
        return { ok: true, applied: [] }
      }
      if (!applying) {
        applying = status.pending
        log(
          `${status.missing ? 'creating the database: ' : ''}applying ${applying.length} migration${applying.length === 1 ? '' : 's'}: ${applying.join(', ')}`,
        )
      }
    }

    let busy = status.busy || (probe && !databaseIsFree(dbFile))
    if (!busy) {
      const result = spawnSync(bin('prisma'), ['migrate', 'deploy'], {
        cwd: root,
        env,
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      })
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`
      if (debug) log(`prisma migrate deploy (exit ${result.status}):\n${output}`)
      if (result.status === 0) {
        log(`applied ${applying.length} migration${applying.length === 1 ? '' : 's'}`)
        return { ok: true, applied: applying }
      }
      if (!isLockFailure(output)) {
        return {
          ok: false,
          message: `prisma migrate deploy failed (exit ${result.status ?? 'none'}) applying ${applying.join(', ')}:\n${engineError(output)}`,
        }
      }
      busy = true
    }

    const left = deadline - Date.now()
    if (left <= 0) {
      return {
        ok: false,
        message:
          `Could not apply ${applying ? applying.join(', ') : 'the pending migrations'}: ${BUSY_EXPLANATION} ` +
          `and kept it open for ${seconds(waitMs)}.\n` +
          '  Prisma’s migration engine needs the SQLite file to itself. Stop that process (or close the shell, let the\n' +
          '  backup finish), then run `npm start` or `npm run db:migrate` again. DAISY_MIGRATE_WAIT=<seconds> waits\n' +
          '  longer; DAISY_DEBUG=1 prints the engine’s own output.',
      }
    }
    const pause = Math.min(retryMs, left)
    log(
      `${BUSY_EXPLANATION}; retrying in ${seconds(pause)}… stop it to let the migration run (giving up in ${seconds(left)})`,
    )
    await sleep(pause)
  }
}

function failedMessage(failed) {
  const lines = failed.map((m) => {
    const log = String(m.logs ?? '')
      .trim()
      .split('\n')
      .slice(0, 6)
      .join('\n      ')
    return `  • ${m.name} (started ${m.startedAt})${log ? `\n      ${log}` : ''}`
  })
  const name = failed[0].name
  return (
    `The database records ${failed.length === 1 ? 'a migration' : 'migrations'} that started but never finished, so nothing more can be applied:\n` +
    `${lines.join('\n')}\n` +
    '  Restore a backup (npm run restore), or repair the database by hand and then tell Prisma what you did:\n' +
    `  npx prisma migrate resolve --rolled-back ${name}   (it will run again), or\n` +
    `  npx prisma migrate resolve --applied ${name}       (you completed it by hand).`
  )
}
