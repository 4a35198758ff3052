#!/usr/bin/env node
// `npm test`: typecheck, lint, unit tests (SQLite, then PostgreSQL), e2e tests in real Chromium, then the
// cluster e2e (two nodes behind nginx on PostgreSQL + Redis). `--only typecheck|lint|unit|e2e|cluster` runs
// one part (`e2e` includes the cluster). Extra arguments after `--` go to Playwright (e.g.
// `npm test -- --only e2e e2e/reader.spec.ts`, which then skips the cluster).
// On two cores the steps overlap where they can: typecheck beside lint, the e2e and cluster builds beside the
// unit tests. PostgreSQL, Redis, nginx and Chromium are found on their usual ports and paths, or installed with
// apt when running as root on Debian, or named as missing (the parts needing them are then skipped).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { bin, ensureDependencies, fail, info, root, run, step } from './lib/steps.mjs'
import { onNode24 } from './lib/node-runtime.mjs'

const args = process.argv.slice(2)
const onlyIndex = args.indexOf('--only')
const only = onlyIndex >= 0 ? args.splice(onlyIndex, 2)[1] : undefined
const want = (name) => !only || only === name || (name === 'cluster' && only === 'e2e' && args.length === 0)

// Steps running in the background, stopped with everything they started if this script ends first.
const background = new Set()
process.on('exit', () => {
  for (const child of background) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
})

await onNode24()

step('Dependencies')
ensureDependencies()

const checks = []
if (want('typecheck'))
  checks.push(
    inBackground('Typecheck (next typegen, tsc --noEmit)', [
      [bin('next'), ['typegen']],
      [bin('tsc'), ['--noEmit']],
    ]),
  )
if (want('lint'))
  checks.push(
    inBackground('Lint (eslint) and format (prettier --check)', [
      [bin('eslint'), ['.', '--max-warnings=0']],
      [bin('prettier'), ['--check', '.', '--log-level=warn']],
    ]),
  )
await finish(checks)

const services = want('unit') || want('cluster') ? findServices() : {}
const { postgres, redis } = services
// The e2e database and production build (scripts/e2e-server.mjs --prepare) and the cluster's (scripts/
// cluster.mjs --prepare), side by side while the unit tests run. Next's own type check is skipped in those builds when the
// typecheck step above has just checked the same files.
const skipBuildTypecheck = want('typecheck') ? { DAISY_BUILD_TYPECHECK: 'skip' } : {}
const e2eEnv = want('e2e') ? { ...process.env, ...configEnv('./e2e/env.ts', 'e2eServerEnv') } : undefined
const clusterEnv = want('cluster') && services.cluster ? clusterServerEnv(postgres, redis) : undefined
const builds = [
  e2eEnv &&
    inBackground('E2E database and production build', [[process.execPath, ['scripts/e2e-server.mjs', '--prepare']]], {
      ...e2eEnv,
      ...skipBuildTypecheck,
    }),
  clusterEnv &&
    inBackground(
      'Cluster database (PostgreSQL) and production build',
      [[process.execPath, ['scripts/cluster.mjs', '--prepare']]],
      { ...clusterEnv, ...skipBuildTypecheck },
    ),
].filter(Boolean)
if (want('unit')) {
  step('Unit tests (vitest, SQLite)')
  run(bin('vitest'), ['run'], {
    env: {
      ...process.env,
      ...(postgres ? { DAISY_POSTGRES_URL: postgres } : {}),
      ...(redis ? { TEST_REDIS_URL: redis } : {}),
    },
  })
  if (postgres) {
    // The same suite with the app's client on PostgreSQL: every write path, query and job on the other provider.
    step(`Unit tests (vitest, PostgreSQL at ${new URL(postgres).host})`)
    run(bin('vitest'), ['run', 'lib'], { env: { ...process.env, TEST_DATABASE_URL: postgres } })
  }
}
await finish(builds)
const chromium = e2eEnv || clusterEnv ? findChromium() : null
if (e2eEnv) {
  step('End-to-end tests (Playwright, on the build just made)')
  info(`using ${chromium}`)
  run(bin('playwright'), ['test', ...args], {
    env: { ...e2eEnv, E2E_PREPARED: '1', CHROMIUM_PATH: chromium, CI: process.env.CI ?? '1' },
  })
}
if (clusterEnv) {
  step('End-to-end tests on two nodes behind nginx, on PostgreSQL and Redis (playwright.cluster.config.ts)')
  run(bin('playwright'), ['test', '-c', 'playwright.cluster.config.ts', ...args], {
    env: { ...clusterEnv, CLUSTER_PREPARED: '1', CHROMIUM_PATH: chromium, CI: process.env.CI ?? '1' },
  })
} else if (want('cluster')) {
  info(`cluster e2e skipped: ${services.missing}`)
}
step('All tests passed')

/**
 * Starts `commands` one after another in the background, their output kept until the whole step is done (so
 * steps running side by side do not mix their lines).
 */
function inBackground(name, commands, env = process.env) {
  const started = Date.now()
  info(`started: ${name}`)
  const done = (async () => {
    let output = ''
    for (const [command, commandArgs] of commands) {
      // Its own process group, so a failure elsewhere stops it with everything it started (background.kill).
      const child = spawn(command, commandArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
      background.add(child)
      child.on('close', () => background.delete(child))
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
      const code = await new Promise((resolve) => {
        child.on('error', (error) => resolve(`could not run: ${error.message}`))
        child.on('close', resolve)
      })
      if (code !== 0) return { ok: false, output, failed: `${command} ${commandArgs.join(' ')} (exit ${code})` }
    }
    return { ok: true, output }
  })()
  return { name, started, done }
}

/** Waits for background steps, printing each one's output under its name; stops at the first failure. */
async function finish(steps) {
  for (const { name, started, done } of steps) {
    const result = await done
    step(`${name}: ${result.ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)}s`)
    if (result.output.trim()) process.stdout.write(result.output.replace(/^/gm, '  '))
    if (!result.ok) fail(`${name} failed: ${result.failed}`)
  }
}

/** An environment a Playwright config gives its server: `name` exported by `module`, computed as it computes it. */
function configEnv(module, name, env = process.env) {
  const script = `import(${JSON.stringify(module)}).then((m) => process.stdout.write(JSON.stringify(m[${JSON.stringify(name)}])))`
  return JSON.parse(execFileSync(bin('tsx'), ['--eval', script], { cwd: root, encoding: 'utf8', env }))
}

/** The cluster's environment, as playwright.cluster.config.ts gives it (e2e/cluster/env.ts), on these services. */
function clusterServerEnv(postgres, redis) {
  const env = { ...process.env, DAISY_POSTGRES_URL: postgres, TEST_REDIS_URL: redis }
  return { ...env, ...configEnv('./e2e/cluster/env.ts', 'clusterEnv', env) }
}

/**
 * PostgreSQL, Redis and nginx for the tests. Each missing one is installed and started with apt when running
 * as root on Debian (as Chromium is); otherwise the parts needing it are skipped with a line saying what to
 * install. The cluster e2e needs all three.
 */
function findServices() {
  // Where apt can install what is missing, a first miss is not worth a message: the second look tells.
  const quiet = canInstall()
  let postgres = findPostgres({ quiet })
  if (!postgres && aptInstall(['postgresql'])) {
    spawnSync('sh', ['-c', 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | tail -1) main start'], {
      stdio: 'inherit',
    })
    postgres = findPostgres()
  } else if (!postgres && quiet) findPostgres()
  let redis = findRedis({ quiet })
  if (!redis && aptInstall(['redis-server'])) {
    spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', ''], {
      stdio: 'inherit',
    })
    spawnSync('sleep', ['1'])
    redis = findRedis()
  } else if (!redis && quiet) findRedis()
  const nginx = existsSync('/usr/sbin/nginx') || (aptInstall(['nginx']) && existsSync('/usr/sbin/nginx'))
  const missing = [!postgres && 'PostgreSQL', !redis && 'Redis', !nginx && 'nginx (apt-get install nginx)'].filter(
    Boolean,
  )
  return {
    postgres,
    redis,
    cluster: missing.length === 0,
    missing: missing.length ? `${missing.join(', ')} not available` : '',
  }
}

/** Root on Debian: apt-get can install what the tests need. */
function canInstall() {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
}

/** Installs Debian packages when we are root on Debian; true if apt-get ran and succeeded. */
function aptInstall(packages) {
  if (!canInstall()) return false
  info(`installing ${packages.join(', ')} with apt-get`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0
}

/**
 * PostgreSQL for the tests: TEST_DATABASE_URL, else the usual local server (postgres on 127.0.0.1:5432, trust
 * authentication, as on Daisy's development and CI machines). Without one, says what is missing and goes on
 * with SQLite alone.
 */
function findPostgres({ quiet = false } = {}) {
  const url = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'
  const probe = spawnSync('psql', [url, '-tAc', 'SELECT 1'], { encoding: 'utf8', timeout: 5000 })
  if (probe.status === 0 && probe.stdout.trim() === '1') return url
  if (quiet) return null
  info(
    `PostgreSQL not reachable at ${new URL(url).host} (${probe.error ? 'psql is not installed' : (probe.stderr || 'no answer').trim()}):\n` +
      '  the unit suite runs on SQLite only. Start PostgreSQL (Debian: apt-get install postgresql) or set\n' +
      '  TEST_DATABASE_URL to an account that may create databases, to run it on PostgreSQL too.',
  )
  return null
}

/** Redis for the tests of what nodes share: TEST_REDIS_URL, else the usual local one (127.0.0.1:6379). */
function findRedis({ quiet = false } = {}) {
  const url = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379'
  const { hostname, port } = new URL(url)
  // A PING over a plain socket: no client library or redis-cli needed to ask.
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').connect(${Number(port || 6379)}, ${JSON.stringify(hostname)}, () => s.write('PING\\r\\n'));
       s.on('data', (d) => process.exit(String(d).startsWith('+PONG') ? 0 : 1)); s.on('error', () => process.exit(1))`,
    ],
    { timeout: 5000 },
  )
  if (probe.status === 0) return url
  if (quiet) return null
  info(
    `Redis not reachable at ${hostname}:${port || 6379}: the shared rate-limit tests are skipped. Start Redis\n` +
      '  (Debian: apt-get install redis-server) or set TEST_REDIS_URL to run them.',
  )
  return null
}

/** Debian's Chromium, installed with apt when we are root; else Playwright's own browser; else a clear error. */
function findChromium() {
  const debian = '/usr/bin/chromium'
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH
  if (existsSync(debian)) return debian
  if (aptInstall(['chromium']) && existsSync(debian)) return debian
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
