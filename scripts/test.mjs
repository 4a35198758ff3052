#!/usr/bin/env node
// `npm test`: typecheck, lint, unit tests, then e2e tests in real Chromium. `--only e2e` runs the last step.
// Extra arguments after `--` go to Playwright (e.g. `npm test -- --only e2e e2e/reader.spec.ts`).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'
import { bin, ensureDependencies, fail, info, run, step } from './lib/steps.mjs'

const args = process.argv.slice(2)
const onlyIndex = args.indexOf('--only')
const only = onlyIndex >= 0 ? args.splice(onlyIndex, 2)[1] : undefined
const want = (name) => !only || only === name

step('Dependencies')
ensureDependencies()

if (want('typecheck')) {
  step('Typecheck (tsc --noEmit)')
  run(bin('next'), ['typegen'])
  run(bin('tsc'), ['--noEmit'])
}
if (want('lint')) {
  step('Lint (eslint) and format (prettier --check)')
  run(bin('eslint'), ['.', '--max-warnings=0'])
  run(bin('prettier'), ['--check', '.', '--log-level=warn'])
}
if (want('unit')) {
  step('Unit tests (vitest)')
  run(bin('vitest'), ['run'])
}
if (want('e2e')) {
  step('Browser')
  const chromium = findChromium()
  info(`using ${chromium}`)
  step('End-to-end tests (Playwright, production build, throwaway database)')
  run(bin('playwright'), ['test', ...args], {
    env: { ...process.env, CHROMIUM_PATH: chromium, CI: process.env.CI ?? '1' },
  })
}
step('All tests passed')

/** Debian's Chromium, installed with apt when we are root; else Playwright's own browser; else a clear error. */
function findChromium() {
  const debian = '/usr/bin/chromium'
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH
  if (existsSync(debian)) return debian
  const isRoot = process.getuid?.() === 0
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    info('installing Debian’s chromium with apt-get (about 20 s)')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env })
    if (existsSync(debian)) return debian
  }
  try {
    const require = createRequire(import.meta.url)
    const ownPath = require('playwright-core').chromium.executablePath()
    if (ownPath && existsSync(ownPath)) return ownPath
  } catch {
    // playwright-core not resolvable: fall through to the message below.
  }
  fail(
    'No Chromium found for the browser tests. Install one of:\n' +
      '  • Debian/Ubuntu: sudo apt-get install chromium   (then run npm test again)\n' +
      '  • anywhere with internet access: npx playwright install chromium\n' +
      '  • or point CHROMIUM_PATH at a Chromium or Chrome binary',
  )
}
