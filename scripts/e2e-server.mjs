#!/usr/bin/env node
// The server Playwright tests against: a throwaway database (a SQLite file under e2e/.tmp, or with
// E2E_DATABASE_URL a PostgreSQL database named daisy_…e2e…, dropped and made again), migrated and seeded, and a
// production build. Playwright's webServer runs this with the environment from playwright.config.ts.
// `--prepare` makes the database and the build and stops (npm test does that beside the unit tests); then
// E2E_PREPARED=1 serves them.
import { rmSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { dirname } from 'node:path'
import { bin, databasePath, ensureDir, fail, info, root, run, step } from './lib/steps.mjs'
import { migrate } from './lib/migrations.mjs'
import { e2eLocksDir } from '../e2e/env.ts'

const url = process.env.DATABASE_URL ?? ''
const postgres = /^postgres(ql)?:\/\//i.test(url)
const dbFile = postgres ? null : databasePath(url)
if (dbFile && !dbFile.includes('.tmp')) throw new Error(`refusing to reset a database outside e2e/.tmp: ${dbFile}`)
const label = postgres ? (await import('./lib/pg-migrations.ts')).redact(url) : dbFile

// The build prerenders pages from the database, so the two are made together and kept together.
if (process.env.E2E_PREPARED === '1') {
  step(`E2E database ${label} and the build in ${process.env.DAISY_DIST_DIR}, as prepared`)
} else {
  step(`E2E database ${label}`)
  // Locks a previous run's tests left behind (e2e/fixtures.ts, `exclusive`).
  rmSync(e2eLocksDir(url), { recursive: true, force: true })
  if (postgres) {
    const { migrateFreshDatabase } = await import('./lib/pg-migrations.ts')
    const migrated = await migrateFreshDatabase({
      url,
      allowed: /^daisy_[a-z0-9_]*e2e[a-z0-9_]*$/,
      what: 'browser tests (daisy_…e2e…)',
      log: info,
    })
    if (!migrated.ok) fail(migrated.message)
  } else {
    ensureDir(dirname(dbFile))
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true })
    const migrated = await migrate({ dbFile })
    if (!migrated.ok) fail(migrated.message)
  }
  run(bin('tsx'), ['prisma/seed.ts'])
  run(bin('tsx'), ['e2e/seed.ts'])

  step(`Production build into ${process.env.DAISY_DIST_DIR}`)
  run(bin('next'), ['build'])
}
if (process.argv.includes('--prepare')) process.exit(0)

step(`Serving on ${process.env.PORT}`)
info('node server/main.ts (next start behind the front door)')
const server = spawn(process.execPath, ['server/main.ts', '-p', process.env.PORT], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
