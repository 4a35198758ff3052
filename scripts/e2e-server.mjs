#!/usr/bin/env node
// The server Playwright tests against: a throwaway SQLite file, migrated and seeded, and a production build.
// Playwright's webServer runs this with the environment from playwright.config.ts. `--prepare` makes the
// database and the build and stops (npm test does that beside the unit tests); then E2E_PREPARED=1 serves them.
import { rmSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { dirname } from 'node:path'
import { bin, databasePath, ensureDir, fail, info, root, run, step } from './lib/steps.mjs'
import { migrate } from './lib/migrations.mjs'

const dbFile = databasePath(process.env.DATABASE_URL ?? '')
if (!dbFile.includes('.tmp')) throw new Error(`refusing to reset a database outside e2e/.tmp: ${dbFile}`)

// The build prerenders pages from the database, so the two are made together and kept together.
if (process.env.E2E_PREPARED === '1') {
  step(`E2E database ${dbFile} and the build in ${process.env.DAISY_DIST_DIR}, as prepared`)
} else {
  step(`E2E database ${dbFile}`)
  ensureDir(dirname(dbFile))
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true })
  // Locks a previous run's tests left behind (e2e/fixtures.ts, `exclusive`).
  rmSync(`${dbFile}.locks`, { recursive: true, force: true })
  const migrated = await migrate({ dbFile })
  if (!migrated.ok) fail(migrated.message)
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
