// The three ways to run Daisy, side by side on the same content, pages and load: one node on SQLite (what
// `npm start` runs), one node on PostgreSQL + Redis, and two nodes behind nginx on PostgreSQL + Redis
// (scripts/cluster.mjs). Each is measured against the static ceiling file served by that same set-up.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bin, hashBuildSources, info, root, run, step } from '../lib/steps.mjs'
import { clearPrefix } from '../../lib/redis.ts'
import { MODES, measure } from './load.mjs'
import { copySqliteToPostgres } from './postgres.mjs'
import { answering, startServer, stopServer, tmp } from './site.mjs'
import { CEILING, TARGETS } from './targets.mjs'

const PG_DIST_DIR = '.next-bench-pg'
const PAGES = ['home', 'post', 'search']
const COMPRESSED = MODES.find((m) => m.key === 'compressed')

/** PostgreSQL and Redis for the two shared set-ups: the usual local servers unless BENCH_DATABASE_URL / REDIS_URL. */
function services() {
  const url = new URL(process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres')
  url.pathname = '/daisy_bench'
  return { url: url.toString(), redis: process.env.REDIS_URL || 'redis://127.0.0.1:6379' }
}

/**
 * Before the ceiling file is written (it would be built into public/): the bench blog copied into PostgreSQL
 * when the SQLite one changed, and a build made against it (with a copy for the second node).
 */
export async function prepareSetups(site, { rebuild }) {
  const { url, redis } = services()
  const env = {
    ...site.env,
    DATABASE_URL: url,
    DAISY_DIST_DIR: PG_DIST_DIR,
    REDIS_URL: redis,
    REDIS_PREFIX: 'daisy-bench:',
  }
  const meta = readFileSync(`${site.dbFile}.json`, 'utf8')
  const copiedFile = join(tmp, 'bench-postgres.json')
  const copied = existsSync(copiedFile) ? readFileSync(copiedFile, 'utf8') : ''
  if (copied !== JSON.stringify({ meta, url })) {
    step(`Copying the bench blog into PostgreSQL (${new URL(url).host}${new URL(url).pathname})`)
    const started = Date.now()
    await copySqliteToPostgres(site.dbFile, url, info)
    info(`copied in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    writeFileSync(copiedFile, JSON.stringify({ meta, url }))
  }
  const stampFile = join(root, PG_DIST_DIR, 'bench-build-stamp.json')
  const want = JSON.stringify({ code: hashBuildSources(), database: meta, origin: env.SITE_URL })
  const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : ''
  if (rebuild || have !== want) {
    step(`Production build on PostgreSQL (${PG_DIST_DIR}), and its copy for the second node`)
    run(bin('next'), ['build'], { env })
    writeFileSync(stampFile, JSON.stringify({ ...JSON.parse(want), code: hashBuildSources() }))
    rmSync(join(root, `${PG_DIST_DIR}-b`), { recursive: true, force: true })
  } else step(`Production build on PostgreSQL (${PG_DIST_DIR}): up to date`)
  if (!existsSync(join(root, `${PG_DIST_DIR}-b`, 'BUILD_ID')))
    cpSync(join(root, PG_DIST_DIR), join(root, `${PG_DIST_DIR}-b`), { recursive: true })
  return { env, redis }
}

/** Measures each set-up in turn (the SQLite node is the one already serving at site.origin). */
export async function measureSetups(site, prepared, options) {
  const targets = [...TARGETS.filter((t) => PAGES.includes(t.key)), CEILING]
  const rows = []
  const measureAll = async (setup, origin) => {
    step(
      `Set-up "${setup}": ${options.connections} connections, ${options.duration} s per page (Accept-Encoding: gzip, br)`,
    )
    for (const target of targets) {
      const result = await measure(`${origin}${target.path}`, {
        headers: COMPRESSED.headers,
        connections: options.connections,
        duration: options.duration,
      })
      rows.push({ setup, ...target, ...result })
      info(`${target.name}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms`)
    }
  }
  await measureAll('1 node, SQLite', site.origin)

  const port = options.port + 1
  await forgetShared(prepared.redis)
  const single = await startServer({
    env: { ...prepared.env, PORT: String(port) },
    origin: `http://localhost:${port}`,
    port,
  })
  try {
    await measureAll('1 node, PostgreSQL + Redis', `http://localhost:${port}`)
  } finally {
    await stopServer(single)
  }

  const clusterPort = options.port + 10
  await forgetShared(prepared.redis)
  const cluster = await startCluster(prepared.env, clusterPort)
  try {
    await measureAll('2 nodes + nginx, PostgreSQL + Redis', `http://127.0.0.1:${clusterPort}`)
  } finally {
    await stopServer(cluster)
  }
  return rows
}

/** What a previous run left under the bench's Redis prefix: each set-up starts from the same empty cache. */
export const forgetShared = (url) => clearPrefix(url, 'daisy-bench:')

export function startCluster(env, port) {
  const cluster = spawn(process.execPath, [join(root, 'scripts/cluster.mjs')], {
    cwd: root,
    env: { ...env, CLUSTER_PORT: String(port), CLUSTER_PREPARED: '1', SITE_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  // Twice through nginx: both nodes are up.
  return answering(cluster, `http://127.0.0.1:${port}/`, 'the cluster', 2)
}

export function printSetups(rows, { connections, duration }) {
  const pad = (s, n) => String(s).padEnd(n)
  const lpad = (s, n) => String(s).padStart(n)
  console.log(
    `\nThree set-ups, same blog and pages — ${connections} connections, ${duration} s per page, Accept-Encoding: gzip, br`,
  )
  const head = `${pad('set-up', 38)}${pad('page', 24)}${lpad('req/s', 8)}${lpad('p50 ms', 8)}${lpad('p99 ms', 8)}${lpad('vs ceiling', 11)}${lpad('err/non2xx', 12)}`
  console.log(head)
  console.log('-'.repeat(head.length))
  for (const row of rows) {
    const ceiling = rows.find((r) => r.setup === row.setup && r.key === CEILING.key)
    const ratio = ceiling && row !== ceiling ? `${((row.rps / ceiling.rps) * 100).toFixed(0)}%` : '-'
    console.log(
      `${pad(row.setup, 38)}${pad(row.name, 24)}${lpad(Math.round(row.rps).toLocaleString('en-US'), 8)}${lpad(row.p50, 8)}${lpad(row.p99, 8)}${lpad(ratio, 11)}${lpad(`${row.errors}/${row.non2xx}`, 12)}`,
    )
  }
  console.log(`
  All three share this machine's cores with the load generator (and, for the last two, with PostgreSQL, Redis and
  nginx): a second node here adds no core, only the work of balancing and sharing; on separate machines each
  node brings its own. vs ceiling: against the static file served by the same set-up in the same run.`)
}
