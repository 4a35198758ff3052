// Lighthouse runs for the reader pages: Lighthouse's default mobile configuration (simulated throttling) in
// Debian's Chromium, a fresh browser per run, the median run as Lighthouse itself picks it, and a summary.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import lighthouse from 'lighthouse'
// Lighthouse's own launcher (a dependency of lighthouse, which it documents for the Node API).
import * as chromeLauncher from 'chrome-launcher'
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js'

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo']

export function chromePath() {
  return process.env.CHROME_PATH || process.env.CHROMIUM_PATH || '/usr/bin/chromium'
}

/** One Lighthouse run of `url` in a browser of its own; returns the report (lhr) and its JSON text. */
export async function runLighthouse(url, { cpuSlowdown = 0 } = {}) {
  const chrome = await chromeLauncher.launch({
    chromePath: chromePath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })
  try {
    // cpuSlowdown 0 keeps Lighthouse's default (4x); the rest of the mobile throttling stays as it is.
    const throttling = cpuSlowdown ? { throttling: { cpuSlowdownMultiplier: cpuSlowdown } } : {}
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      ...throttling,
    })
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
    if (result.lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${result.lhr.runtimeError.message}`)
    return { lhr: result.lhr, json: result.report }
  } finally {
    await chrome.kill()
  }
}

/** `runs` runs of one page, each report saved under `dir`; returns the median run and every run's index. */
export async function lighthousePage(url, { runs, dir, key, log, cpuSlowdown = 0 }) {
  const lhrs = []
  for (let n = 1; n <= runs; n++) {
    const { lhr, json } = await runLighthouse(url, { cpuSlowdown })
    writeFileSync(join(dir, `${key}-run${n}.json`), json)
    lhrs.push(lhr)
    log(
      `${key} run ${n}/${runs}: performance ${score(lhr, 'performance')}, LCP ${ms(lhr, 'largest-contentful-paint')} ms, TBT ${ms(lhr, 'total-blocking-time')} ms`,
    )
  }
  const median = computeMedianRun(lhrs)
  const index = lhrs.indexOf(median)
  writeFileSync(join(dir, `${key}-median.json`), JSON.stringify(median, null, 2))
  return { median, medianRun: index + 1, runs: lhrs }
}

const score = (lhr, category) => Math.round((lhr.categories[category]?.score ?? NaN) * 100)
const ms = (lhr, audit) => Math.round(lhr.audits[audit]?.numericValue ?? NaN)

/** The figures of the table: scores, metrics, and bytes split by what carries them. */
export function summarize(lhr) {
  const requests = lhr.audits['network-requests']?.details?.items ?? []
  const bytes = (filter) => requests.filter(filter).reduce((sum, r) => sum + (r.transferSize ?? 0), 0)
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(lhr, c)])),
    lcp: ms(lhr, 'largest-contentful-paint'),
    tbt: ms(lhr, 'total-blocking-time'),
    fcp: ms(lhr, 'first-contentful-paint'),
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    totalBytes: lhr.audits['total-byte-weight']?.numericValue ?? bytes(() => true),
    requestBytes: bytes(() => true),
    nonScriptBytes: bytes((r) => r.resourceType !== 'Script'),
    scriptBytes: bytes((r) => r.resourceType === 'Script'),
    requests: requests.length,
  }
}

/**
 * Audits of the four categories that did not get full marks: informative and not-applicable ones left out,
 * the metrics themselves (the table shows them), and what Lighthouse's own report hides.
 */
export function failingAudits(lhr) {
  const out = []
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id]
      if (
        !audit ||
        ref.group === 'metrics' ||
        ref.group === 'hidden' ||
        ['informative', 'notApplicable', 'manual'].includes(audit.scoreDisplayMode)
      )
        continue
      if (audit.scoreDisplayMode === 'error')
        out.push({ category, id: ref.id, title: audit.title, detail: `could not run: ${audit.errorMessage ?? ''}` })
      else if (audit.score !== null && audit.score < 1)
        out.push({ category, id: ref.id, title: audit.title, detail: audit.displayValue ?? '', score: audit.score })
    }
  }
  return out
}
