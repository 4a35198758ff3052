// The body of bench-lighthouse.mjs, loaded once it runs on Node 24 (its imports reach TypeScript modules).
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fail, info, step } from '../lib/steps.mjs'
import { onlySet, parseOptions } from './options.mjs'
import { prepareSite, startServer, stopServer, tmp } from './site.mjs'
import { TARGETS } from './targets.mjs'
import { probe } from './load.mjs'
import { chromePath, failingAudits, lighthousePage, summarize } from './lighthouse.mjs'

const PAGES = TARGETS.filter((t) => t.key !== 'feed')
const options = parseOptions(process.argv.slice(2), {
  runs: 3,
  only: '',
  url: '',
  posts: 10_000,
  comments: 100_000,
  port: 3300,
  quick: false,
  rebuild: false,
  serve: false,
  cpu: 0,
})
const wanted = onlySet(
  options.only,
  PAGES.map((p) => p.key),
)
if (!existsSync(chromePath()))
  fail(`no Chromium at ${chromePath()}: install it (apt-get install chromium) or set CHROME_PATH`)
process.env.CHROME_PATH = chromePath()

let origin = options.url.replace(/\/+$/, '')
let server = null
if (!origin) {
  const site = await prepareSite(options)
  step('Serving the benchmark blog')
  server = await startServer({ ...site, port: options.port })
  origin = site.origin
  if (options.serve) await serveUntilStopped(server, origin)
}

// A folder per run, so a quick --url run never replaces the reports of the last full one.
const dir = join(tmp, 'lighthouse', new Date().toISOString().replace(/[:.]/g, '-'))
mkdirSync(dir, { recursive: true })
const results = []
try {
  for (const page of PAGES.filter((p) => wanted(p.key))) {
    const url = `${origin}${page.path}`
    // The first hit may render the page and fill the caches; Lighthouse should meet the page a reader meets.
    const warm = [
      await probe(url, { 'accept-encoding': 'gzip, br' }),
      await probe(url, { 'accept-encoding': 'gzip, br' }),
    ]
    step(`Lighthouse: ${page.name} (${url}; warm-up: ${warm.map((w) => `${w.status} ${w.cache}`).join(', ')})`)
    if (warm[1].status !== 200) {
      info(`skipped: ${page.path} answers ${warm[1].status} (with --url, serve the benchmark database; see README)`)
      continue
    }
    const { median, medianRun } = await lighthousePage(url, {
      runs: options.runs,
      dir,
      key: page.key,
      log: info,
      cpuSlowdown: options.cpu,
    })
    results.push({
      page,
      medianRun,
      summary: summarize(median),
      failing: failingAudits(median),
      version: median.lighthouseVersion,
      chrome: median.environment?.hostUserAgent,
      benchmarkIndex: median.environment?.benchmarkIndex,
      cpu: median.configSettings?.throttling?.cpuSlowdownMultiplier,
    })
  }
} finally {
  await stopServer(server)
}
if (results.length) printLighthouse(results)

async function serveUntilStopped(child, at) {
  info(`serving the benchmark blog at ${at} until Ctrl-C; measure it with: npm run bench:lighthouse -- --url ${at}`)
  await new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, resolve)
  })
  await stopServer(child)
  process.exit(0)
}

function printLighthouse(rows) {
  const pad = (s, n) => String(s).padEnd(n)
  const lpad = (s, n) => String(s).padStart(n)
  const kb = (b) => `${(b / 1024).toFixed(1)}`
  const cpu = options.cpu
    ? `mobile config with CPU slowdown ${rows[0].cpu}x (--cpu)`
    : `default mobile config (CPU slowdown ${rows[0].cpu}x)`
  console.log(
    `\nLighthouse ${rows[0].version}, ${cpu}, simulated throttling, median of ${options.runs} runs — ${origin}, ${new Date().toISOString()}`,
  )
  console.log(`${rows[0].chrome}`)
  // Lighthouse's docs/throttling.md: its 4x assumes a high-end desktop (benchmarkIndex 1500–2000); on a
  // low-end desktop (1000–1500) it suggests 2x (1–5) to emulate the same mid-tier phone.
  const index = Math.round(rows[0].benchmarkIndex ?? 0)
  console.log(
    `This machine's benchmarkIndex: ${index}${index && index < 1500 ? ' (below the high-end desktop the default 4x is calibrated for; Lighthouse suggests about 2x here: --cpu 2)' : ''}\n`,
  )
  const head = `${pad('page', 22)}${lpad('perf', 5)}${lpad('a11y', 5)}${lpad('b-p', 5)}${lpad('SEO', 5)}${lpad('LCP ms', 8)}${lpad('TBT ms', 8)}${lpad('FCP ms', 8)}${lpad('CLS', 7)}${lpad('total KB', 10)}${lpad('non-JS KB', 11)}${lpad('JS KB', 8)}${lpad('requests', 10)}${lpad('median', 8)}`
  console.log(head)
  console.log('-'.repeat(head.length))
  for (const { page, summary: s, medianRun } of rows) {
    console.log(
      `${pad(page.name, 22)}${lpad(s.scores.performance, 5)}${lpad(s.scores.accessibility, 5)}${lpad(s.scores['best-practices'], 5)}${lpad(s.scores.seo, 5)}` +
        `${lpad(s.lcp, 8)}${lpad(s.tbt, 8)}${lpad(s.fcp, 8)}${lpad(s.cls.toFixed(3), 7)}${lpad(kb(s.totalBytes), 10)}${lpad(kb(s.nonScriptBytes), 11)}${lpad(kb(s.scriptBytes), 8)}${lpad(s.requests, 10)}${lpad(`run ${medianRun}`, 8)}`,
    )
  }
  console.log(`
  Scores 0–100. total KB: Lighthouse's total byte weight (transfer sizes); non-JS KB and JS KB split the network
  requests' transfer sizes by resource type Script; requests: the network requests of the page load.`)
  console.log('\nFailing audits (score < 1) of the median runs:')
  for (const { page, failing } of rows) {
    console.log(`  ${page.name} (${page.path}):${failing.length ? '' : ' none'}`)
    for (const a of failing)
      console.log(
        `    [${a.category}] ${a.title}${a.detail ? ` — ${a.detail}` : ''}${a.score !== undefined ? ` (score ${a.score})` : ''}`,
      )
  }
  console.log(
    `\nFull reports: ${dir}/<page>-run<N>.json and <page>-median.json (open in https://googlechrome.github.io/lighthouse/viewer/).`,
  )
  console.log(
    'Lighthouse simulates the throttling from one trace, but CPU-bound work still varies with a busy machine.',
  )
}
