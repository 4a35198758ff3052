// The blog both benchmarks serve: a generated database of the requested size with the reader post imported
// from a WordPress export, a production build in .next-bench, and the server as `npm start` runs it.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { bin, ensureDir, fail, hashBuildSources, info, root, run, step } from '../lib/steps.mjs'
import { generateBlog } from './generate.mjs'
import { BENCH_POST, benchWxr } from './wxr.mjs'
import { CEILING } from './targets.mjs'

export const tmp = join(root, 'scripts/bench/.tmp')
const DIST_DIR = '.next-bench'
// Bumped when generate.mjs or wxr.mjs changes what a database of a given size holds.
const FIXTURE_VERSION = 2

/** The environment the bench server, its build and the import run with. */
export function benchEnv({ port, dbFile }) {
  const origin = `http://localhost:${port}`
  return {
    ...process.env,
    DATABASE_URL: `file:${dbFile}`,
    DAISY_DIST_DIR: DIST_DIR,
    PORT: String(port),
    SITE_URL: origin,
    NEXTAUTH_URL: origin,
    NEXTAUTH_SECRET: 'bench-only-secret-not-for-production',
    ADMIN_PASSWORD: 'bench-admin-password',
    NEXT_TELEMETRY_DISABLED: '1',
    // The sign-in storm plays many clients from loopback.
    TRUST_PROXY: 'loopback',
  }
}

/** Database (made once per size), then a build when the sources or the database changed. */
export async function prepareSite({ posts, comments, port, rebuild = false }) {
  const dbFile = join(tmp, `bench-${posts}x${comments}.db`)
  const env = benchEnv({ port, dbFile })
  await ensureDatabase({ posts, comments, dbFile, env })
  ensureBuild({ dbFile, env, rebuild })
  return { env, dbFile, origin: `http://localhost:${port}` }
}

async function ensureDatabase({ posts, comments, dbFile, env }) {
  const metaFile = `${dbFile}.json`
  const wanted = { posts, comments, fixture: FIXTURE_VERSION }
  const have = existsSync(dbFile) && existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : null
  if (have && have.posts === posts && have.comments === comments && have.fixture === FIXTURE_VERSION) {
    step(`Reusing the bench database (${posts.toLocaleString()} posts, ${comments.toLocaleString()} comments)`)
    return
  }
  step(`Generating ${posts.toLocaleString()} posts and ${comments.toLocaleString()} comments and mentions`)
  ensureDir(tmp)
  for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(dbFile + suffix, { force: true })
  run(bin('prisma'), ['migrate', 'deploy'], { env })
  run(bin('tsx'), ['prisma/seed.ts'], { env })
  const { default: Database } = await import('better-sqlite3')
  const sqlite = new Database(dbFile)
  sqlite.pragma('journal_mode = WAL')
  const started = Date.now()
  generateBlog(sqlite, { posts, comments, log: info })
  sqlite.close()
  info(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  step('Importing the reader post from a WordPress export (npm run import:wxr)')
  const wxrFile = join(tmp, 'bench-post.wxr.xml')
  writeFileSync(wxrFile, benchWxr())
  run(bin('tsx'), ['--conditions=react-server', 'scripts/import-wxr.ts', wxrFile, '--no-media'], { env })
  await checkImportedPost(dbFile)
  writeFileSync(metaFile, JSON.stringify({ ...wanted, generatedAt: new Date().toISOString() }))
}

/** The imported post must hold what the fixture says, or every figure about "the post" misleads. */
async function checkImportedPost(dbFile) {
  const { default: Database } = await import('better-sqlite3')
  const sqlite = new Database(dbFile, { readonly: true })
  try {
    const post = sqlite.prepare(`SELECT id, wordCount FROM "Post" WHERE slug = ?`).get(BENCH_POST.slug)
    if (!post) fail(`the import did not create /posts/${BENCH_POST.slug}`)
    const rows = sqlite
      .prepare(
        `SELECT kind, count(*) AS n, sum(parentId IS NOT NULL) AS replies FROM "Comment" WHERE postId = ? AND status = 'APPROVED' GROUP BY kind`,
      )
      .all(post.id)
    const of = (kind) => rows.find((r) => r.kind === kind) ?? { n: 0, replies: 0 }
    const got = {
      words: post.wordCount,
      comments: of('COMMENT').n,
      replies: of('COMMENT').replies,
      pingbacks: of('PINGBACK').n,
      trackbacks: of('TRACKBACK').n,
    }
    info(
      `imported: ${got.words.toLocaleString()} words, ${got.comments} comments (${got.replies} replies), ${got.pingbacks} pingbacks, ${got.trackbacks} trackbacks`,
    )
    const wrong = Object.keys(got).filter((k) => got[k] !== BENCH_POST[k])
    if (wrong.length)
      fail(
        `the imported post differs from the fixture in ${wrong.map((k) => `${k} (${got[k]}, not ${BENCH_POST[k]})`).join(', ')}`,
      )
  } finally {
    sqlite.close()
  }
}

function ensureBuild({ dbFile, env, rebuild }) {
  // A ceiling file left by an interrupted run would be hashed (and served) as part of public/.
  rmSync(join(root, CEILING.file), { force: true })
  const distDir = join(root, DIST_DIR)
  const stampFile = join(distDir, 'bench-build-stamp.json')
  // Pages are prerendered from the database at build time, and the origin is baked into headers.
  const want = { code: hashBuildSources(), database: readFileSync(`${dbFile}.json`, 'utf8'), origin: env.SITE_URL }
  const have = existsSync(stampFile) && existsSync(join(distDir, 'BUILD_ID')) ? readFileSync(stampFile, 'utf8') : ''
  if (!rebuild && have === JSON.stringify(want)) {
    step(`Production build (${DIST_DIR}): up to date (sources and database unchanged; --rebuild to force)`)
    return
  }
  step(`Production build (${DIST_DIR})`)
  run(bin('next'), ['build'], { env })
  // Hashed again: next build may add the build folder's types to tsconfig.json.
  writeFileSync(stampFile, JSON.stringify({ ...want, code: hashBuildSources() }))
}

/** Fails when something already listens on the port: measuring another server would be silently wrong. */
export async function assertPortFree(port) {
  await new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => fail(`port ${port} is in use (another benchmark or server?): stop it or pass --port`))
    probe.listen(port, () => probe.close(resolve))
  })
}

/** As `npm start` serves: Next's production handler behind the front door. Resolves once it answers. */
export async function startServer({ env, origin, port }) {
  await assertPortFree(port)
  // BENCH_CPU_PROF=<dir>: the server writes a CPU profile (Chrome's format) there when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
  const server = spawn(process.execPath, [...profile, join(root, 'server/main.ts'), '-p', String(port)], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return answering(server, `${origin}/`, 'the server').catch((error) => fail(error.message))
}

/**
 * Resolves with `child` once `url` answers below 500 `times` times in a row (each node behind a balancer);
 * rejects if it exits first or a minute passes (stopping it).
 */
export async function answering(child, url, what, times = 1) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited (code ${child.exitCode}) before answering`)
    try {
      const statuses = []
      for (let n = 0; n < times; n++) statuses.push((await fetch(url)).status)
      if (statuses.every((status) => status < 500)) return child
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGTERM')
  throw new Error(`${what} did not answer ${url} within a minute`)
}

export function stopServer(server) {
  if (!server || server.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    server.once('exit', resolve)
    server.kill('SIGTERM')
  })
}
