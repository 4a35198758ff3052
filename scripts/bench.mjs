#!/usr/bin/env node
// `npm run bench`: builds a large blog in a throwaway database, serves it from a production build, and
// measures reader pages under load against the ceiling of a static file of the same size. Prints figures;
// nothing here passes or fails. Options: --posts N --comments N --connections N --duration S --port P
import { spawn } from 'node:child_process'
import { existsSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { bin, ensureDependencies, ensureDir, info, root, run, step } from './lib/steps.mjs'
import { BENCH_POST_SLUG, BENCH_TAG_SLUG, generateBlog } from './bench/generate.mjs'
import { printStorm, signInStorm } from './bench/sign-in-storm.mjs'

const options = { posts: 10_000, comments: 100_000, connections: 50, duration: 10, port: 3300 }
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '')
  if (!(key in options)) throw new Error(`unknown option ${process.argv[i]} (known: ${Object.keys(options).join(', ')})`)
  options[key] = Number(process.argv[i + 1])
}

step('Dependencies')
ensureDependencies()
const { default: Database } = await import('better-sqlite3')
const { default: autocannon } = await import('autocannon')

const tmp = join(root, 'scripts/bench/.tmp')
const dbFile = join(tmp, 'bench.db')
const metaFile = join(tmp, 'meta.json')
const origin = `http://localhost:${options.port}`
const env = {
  ...process.env,
  DATABASE_URL: `file:${dbFile}`,
  DAISY_DIST_DIR: '.next-bench',
  PORT: String(options.port),
  SITE_URL: origin,
  NEXTAUTH_URL: origin,
  NEXTAUTH_SECRET: 'bench-only-secret-not-for-production',
  ADMIN_PASSWORD: 'bench-admin-password',
  NEXT_TELEMETRY_DISABLED: '1',
  // The sign-in storm plays many clients from loopback.
  TRUST_PROXY: 'loopback',
}

const wanted = JSON.stringify({ posts: options.posts, comments: options.comments })
if (existsSync(dbFile) && existsSync(metaFile) && readFileSync(metaFile, 'utf8') === wanted) {
  step(`Reusing the bench database (${options.posts.toLocaleString()} posts, ${options.comments.toLocaleString()} comments)`)
} else {
  step(`Generating ${options.posts.toLocaleString()} posts and ${options.comments.toLocaleString()} comments and mentions`)
  ensureDir(tmp)
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true })
  run(bin('prisma'), ['migrate', 'deploy'], { env })
  run(bin('tsx'), ['prisma/seed.ts'], { env })
  const sqlite = new Database(dbFile)
  sqlite.pragma('journal_mode = WAL')
  const started = Date.now()
  generateBlog(sqlite, { posts: options.posts, comments: options.comments, log: info })
  sqlite.close()
  info(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  writeFileSync(metaFile, wanted)
}

step('Production build (.next-bench)')
run(bin('next'), ['build'], { env })

const ceilingFile = join(root, 'public/bench-ceiling.html')
const startServer = () => {
  // As `npm start` serves: Next's production handler behind the front door.
  const server = spawn(process.execPath, [join(root, 'scripts/server.mjs'), '-p', String(options.port)], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
  return server
}
const waitFor = async (url) => {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`server did not answer ${url}`)
}
const stop = (server) => new Promise((resolve) => {
  server.once('exit', resolve)
  server.kill('SIGTERM')
})

const targets = [
  { name: 'home page', path: '/' },
  { name: 'post, 50 responses', path: `/posts/${BENCH_POST_SLUG}` },
  { name: 'tag page', path: `/tags/${BENCH_TAG_SLUG}` },
  { name: 'search', path: '/search?q=customer+trust' },
  { name: 'RSS feed', path: '/feed.xml' },
]

step('Sizing the ceiling file')
let server = startServer()
await waitFor(`${origin}/`)
const postHtml = await (await fetch(`${origin}${targets[1].path}`)).text()
await stop(server)
// Next serves only the public/ files present at start, so the ceiling file is written before the real run.
writeFileSync(ceilingFile, postHtml)
targets.push({ name: 'static file (ceiling)', path: '/bench-ceiling.html' })

try {
  step(`Load: ${options.connections} connections, ${options.duration} s per page`)
  server = startServer()
  await waitFor(`${origin}/`)
  const rows = []
  for (const target of targets) {
    const url = `${origin}${target.path}`
    const first = await fetch(url)
    const body = await first.text()
    await autocannon({ url, connections: options.connections, duration: 2 }) // warm the caches
    const result = await autocannon({ url, connections: options.connections, duration: options.duration })
    rows.push({ ...target, status: first.status, bytes: Buffer.byteLength(body), rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx })
    info(`${target.name}: ${Math.round(result.requests.average)} req/s`)
  }
  const jsReport = await measurePostJs(`${origin}${targets[1].path}`)
  step('A post page during a sign-in storm')
  const storm = await signInStorm(origin, targets[1].path)
  await stop(server)
  printReport(rows, jsReport)
  printStorm(storm)
} finally {
  rmSync(ceilingFile, { force: true })
  if (server.exitCode === null) server.kill('SIGTERM')
}

async function measurePostJs(url) {
  const html = await (await fetch(url)).text()
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))]
  let raw = 0
  let gzip = 0
  for (const src of srcs) {
    const buf = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer())
    raw += buf.length
    gzip += gzipSync(buf).length
  }
  return { files: srcs.length, raw, gzip }
}

function printReport(rows, js) {
  const ceiling = rows.find((r) => r.path === '/bench-ceiling.html')
  const pad = (s, n) => String(s).padEnd(n)
  const lpad = (s, n) => String(s).padStart(n)
  console.log(`\nDaisy benchmark — ${options.connections} connections, ${options.duration} s each, ${new Date().toISOString()}\n`)
  console.log(`${pad('page', 24)}${pad('path', 42)}${lpad('status', 7)}${lpad('bytes', 9)}${lpad('req/s', 9)}${lpad('p50 ms', 8)}${lpad('p99 ms', 8)}${lpad('vs ceiling', 12)}${lpad('errors', 8)}`)
  for (const r of rows) {
    const ratio = ceiling ? `${((r.rps / ceiling.rps) * 100).toFixed(0)}%` : '-'
    console.log(`${pad(r.name, 24)}${pad(r.path, 42)}${lpad(r.status, 7)}${lpad(r.bytes, 9)}${lpad(Math.round(r.rps), 9)}${lpad(r.p50, 8)}${lpad(r.p99, 8)}${lpad(ratio, 12)}${lpad(r.errors, 8)}`)
  }
  console.log(`\nPost page JavaScript: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB (${(js.gzip / 1024).toFixed(1)} KB gzipped)`)
  const sqlite = new Database(dbFile, { readonly: true })
  console.log('\nDatabase rows:')
  for (const table of ['Post', 'Tag', 'Comment', 'User', 'PostSearch']) {
    console.log(`  ${pad(table, 12)}${lpad(sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get().n.toLocaleString(), 12)}`)
  }
  const byKind = sqlite.prepare(`SELECT kind, count(*) AS n FROM "Comment" GROUP BY kind ORDER BY kind`).all()
  console.log(`  ${byKind.map((k) => `${k.kind.toLowerCase()} ${k.n.toLocaleString()}`).join(' · ')}`)
  console.log(`  file size ${(readFileSync(dbFile).length / 1024 / 1024).toFixed(0)} MB`)
  sqlite.close()
}
