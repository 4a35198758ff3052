// `npm run db:migrate` (scripts/migrate.mjs, also the migrate step of `npm start`) while another process has the
// SQLite file open: a running Daisy (WAL, a read now and then) or a writer holding the lock (a sqlite3 shell).
import Database from 'better-sqlite3'
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, inject, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const folder = mkdtempSync(join(tmpdir(), 'daisy-migrate-'))
let counter = 0
const migratedCopy = () => {
  const file = join(folder, `migrated-${++counter}.db`)
  copyFileSync(inject('templateDb'), file)
  return file
}
const emptyFile = () => join(folder, `empty-${++counter}.db`)

const env = (file: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  DATABASE_URL: `file:${file}`,
  DAISY_MIGRATE_WAIT: '1',
  DAISY_MIGRATE_RETRY: '0.3',
  DAISY_DEBUG: '',
  ...extra,
})

/** `npm run db:migrate`: the way people and `npm start` run it. */
function dbMigrate(file: string, extra?: Record<string, string>) {
  const started = Date.now()
  const result = spawnSync('npm', ['run', '--silent', 'db:migrate'], {
    cwd: root,
    env: env(file, extra),
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}`, ms: Date.now() - started }
}

const holders: Database.Database[] = []
/** Keeps the file open the way a running Daisy does (WAL, after a read), optionally in the middle of a write. */
function holdOpen(file: string, { write = false } = {}) {
  const sqlite = new Database(file)
  holders.push(sqlite)
  sqlite.pragma('journal_mode = WAL')
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get()
  if (write) sqlite.exec('BEGIN IMMEDIATE')
  return sqlite
}
afterEach(() => {
  for (const sqlite of holders.splice(0)) {
    if (sqlite.open && sqlite.inTransaction) sqlite.exec('ROLLBACK')
    if (sqlite.open) sqlite.close()
  }
})

const ENGINE_NOISE = /WASM_ERROR|SocketTimeout|wasm:\/\/|unknown variant/

describe('db:migrate with nothing pending', () => {
  it('succeeds at once while a running server has the file open, without starting the engine', () => {
    const file = migratedCopy()
    holdOpen(file)
    const run = dbMigrate(file)
    expect(run.output).toContain('nothing to do')
    expect(run.status).toBe(0)
    // The engine fails on a held file only after ~8 s.
    expect(run.ms).toBeLessThan(4000)
  })

  it('succeeds while another process holds the write lock', () => {
    const file = migratedCopy()
    holdOpen(file, { write: true })
    const run = dbMigrate(file)
    expect(run.output).toContain('nothing to do')
    expect(run.status).toBe(0)
  })
})

describe('db:migrate with migrations pending', () => {
  it('creates the database when there is none, then finds nothing to do', () => {
    const file = emptyFile()
    const first = dbMigrate(file)
    expect(first.output).toMatch(/creating the database: applying \d+ migrations/)
    expect(first.status).toBe(0)
    const again = dbMigrate(file)
    expect(again.output).toContain('nothing to do')
    expect(again.status).toBe(0)
  })

  it('waits while the file is held, then gives up with an explanation and none of the engine’s text', () => {
    const file = emptyFile()
    holdOpen(file, { write: true })
    const run = dbMigrate(file)
    expect(run.status).toBe(1)
    expect(run.output).toMatch(
      /another process has the database open \(a running Daisy, a sqlite3 shell or a backup\); retrying in 0\.3 s… stop it/,
    )
    expect(run.output.match(/retrying in/g)?.length).toBeGreaterThanOrEqual(2)
    expect(run.output).toMatch(/Could not apply 20\d+_init, .*kept it open for 1 s/)
    expect(run.output).toContain('npm run db:migrate')
    expect(run.output).not.toMatch(ENGINE_NOISE)
    expect(run.ms).toBeLessThan(6000)
  })

  it('recognises the engine’s own lock failure and explains it the same way', () => {
    // Without the quick lock check the engine runs, waits ~8 s on the held file and fails with WASM_ERROR.
    const file = emptyFile()
    holdOpen(file)
    const run = dbMigrate(file, { DAISY_MIGRATE_PROBE: '0' })
    expect(run.status).toBe(1)
    expect(run.output).toContain('another process has the database open')
    expect(run.output).not.toMatch(ENGINE_NOISE)
  })

  it('applies them once the other process lets go', async () => {
    const file = emptyFile()
    const holder = holdOpen(file)
    const child = spawn('npm', ['run', '--silent', 'db:migrate'], {
      cwd: root,
      env: env(file, { DAISY_MIGRATE_WAIT: '30', DAISY_MIGRATE_RETRY: '0.5' }),
    })
    let output = ''
    const collect = (chunk: Buffer) => {
      output += chunk
      // Let go once it has said it is waiting.
      if (output.includes('retrying in') && holder.open) holder.close()
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const status = await new Promise((resolve) => child.on('exit', resolve))
    expect(output).toContain('retrying in')
    expect(output).toMatch(/applied \d+ migrations/)
    expect(status).toBe(0)
  })
})

describe('db:migrate with a failed migration recorded', () => {
  it('says which one and what to do instead of skipping it', () => {
    const file = migratedCopy()
    const sqlite = new Database(file)
    const name = (
      sqlite
        .prepare('SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1')
        .get() as { name: string }
    ).name
    sqlite
      .prepare(
        `UPDATE _prisma_migrations SET finished_at = NULL, logs = 'near "x": syntax error' WHERE migration_name = ?`,
      )
      .run(name)
    sqlite.close()
    const run = dbMigrate(file)
    expect(run.status).toBe(1)
    expect(run.output).toContain('started but never finished')
    expect(run.output).toContain(name)
    expect(run.output).toContain(`prisma migrate resolve --rolled-back ${name}`)
    expect(run.output).toContain('syntax error')
  })
})
