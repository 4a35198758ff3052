// The body of bench.mjs, loaded once it runs on Node 24 (its imports reach TypeScript modules).
import { rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { info, root, step } from '../lib/steps.mjs'
import { onlySet, parseOptions } from './options.mjs'
import { prepareSite, startServer, stopServer } from './site.mjs'
import { CEILING, TARGETS } from './targets.mjs'
import { BENCH_POST } from './wxr.mjs'
import { MODES, loadGenerator, measure, probe } from './load.mjs'
import { printDatabase, printLoadTable } from './report.mjs'
import { printStorm, signInStorm } from './sign-in-storm.mjs'
import { printQueryFlood, queryFlood } from './query-flood.mjs'
import { measureSetups, prepareSetups, printSetups } from './setups.mjs'
import { federationOnCluster, federationOnSqlite, printFederation } from './federation.mjs'

const options = parseOptions(process.argv.slice(2), {
  posts: 10_000,
  comments: 100_000,
  connections: 50,
  duration: 10,
  port: 3300,
  only: '',
  quick: false,
  rebuild: false,
  // The fediverse fan-out (federation.mjs): followers over instances, readers' connections (0: --connections),
  // and how long to wait for the last delivery.
  followers: 10_000,
  instances: 1_000,
  readers: 0,
  fanoutTimeout: 300,
})
if (!options.readers) options.readers = options.connections
const wanted = onlySet(options.only, [
  ...TARGETS.map((t) => t.key),
  'js',
  'storm',
  'flood',
  'setups',
  'federation',
  'federation-cluster',
])

const site = await prepareSite(options)
const setups = wanted('setups') || wanted('federation-cluster') ? await prepareSetups(site, options) : null
const post = TARGETS.find((t) => t.key === 'post')

step('Sizing the ceiling file')
let server = await startServer({ ...site, port: options.port })
const postPage = await probe(`${site.origin}${post.path}`)
await stopServer(server)
checkPostPage(postPage)
// Next serves only the public/ files present at start, so the ceiling file is written before the real run:
// the post page's bytes exactly, as the server sends them uncompressed.
const ceilingFile = join(root, CEILING.file)
writeFileSync(ceilingFile, postPage.body)
info(`${CEILING.path}: ${postPage.body.length.toLocaleString('en-US')} bytes, the post page's`)

const pages = TARGETS.filter((t) => wanted(t.key))
let storm = null
let flood = null
let js = null
let setupRows = null
const rows = []
try {
  server = await startServer({ ...site, port: options.port })
  if (pages.length) {
    step(
      `Load (${loadGenerator()}): ${options.connections} connections, ${options.duration} s per page and mode, each after its own warm-up`,
    )
    for (const target of [...pages, CEILING]) {
      for (const mode of MODES) {
        const result = await measure(`${site.origin}${target.path}`, {
          headers: mode.headers,
          connections: options.connections,
          duration: options.duration,
        })
        rows.push({ ...target, mode, isCeiling: target === CEILING, ...result })
        info(
          `${target.name} (Accept-Encoding: ${mode.label}): ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${result.warm.encoding} ${result.warm.body.length} B, cache ${result.first.cache}→${result.warm.cache}`,
        )
      }
    }
  }
  if (wanted('js')) js = await measurePostJs(`${site.origin}${post.path}`)
  if (wanted('storm')) {
    step('A post page during a sign-in storm')
    storm = await signInStorm(site.origin, post.path)
  }
  if (wanted('flood')) {
    step('Made-up query strings of the post page')
    flood = await queryFlood(server, site.origin, post.path)
  }
  if (setups && wanted('setups')) setupRows = await measureSetups(site, setups, options)
} finally {
  await stopServer(server)
  rmSync(ceilingFile, { force: true })
}
// Each on a server of its own (loopback inboxes allowed), after the others.
const federationRows = []
if (wanted('federation')) federationRows.push(await federationOnSqlite(site, options))
if (wanted('federation-cluster')) federationRows.push(await federationOnCluster(setups, options))

if (rows.length) printLoadTable(rows, options)
if (js)
  console.log(
    `\nPost page JavaScript: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB (${(js.gzip / 1024).toFixed(1)} KB gzipped)`,
  )
if (storm) printStorm(storm)
if (flood) printQueryFlood(flood)
if (setupRows) printSetups(setupRows, options)
if (federationRows.length) printFederation(federationRows)
const { default: Database } = await import('better-sqlite3')
const sqlite = new Database(site.dbFile, { readonly: true })
printDatabase(sqlite, site.dbFile.slice(root.length + 1), statSync(site.dbFile).size)
sqlite.close()
console.log(
  '\nThese are figures from one run on a machine that may be busy with other work: compare runs made side by side.',
)

/** The page must be the imported post with its responses, or the figures would be about something else. */
function checkPostPage(page) {
  // React separates a text's parts with <!-- --> ("Mentions (<!-- -->5<!-- -->)").
  const html = page.body.toString('utf8').replaceAll('<!-- -->', '')
  const mentions = BENCH_POST.pingbacks + BENCH_POST.trackbacks
  const expected = [`Comments (${BENCH_POST.comments})`, `Mentions (${mentions})`]
  const missing = expected.filter((text) => !html.includes(text))
  if (page.status !== 200 || missing.length)
    info(`warning: ${post.path} answered ${page.status}${missing.length ? ` without ${missing.join(', ')}` : ''}`)
  else info(`${post.path}: ${expected.join(', ')}, ${BENCH_POST.words.toLocaleString('en-US')} words`)
}

async function measurePostJs(url) {
  const html = (await probe(url)).body.toString('utf8')
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
