// The load benchmark's table: each page in each Accept-Encoding mode against the static ceiling in the same
// mode, with the budget of issue 12 as text. Figures only: nothing here fails the process.
import { loadGenerator } from './load.mjs'

/** Issue 12's reader-speed budget: a page serves at least this share of the ceiling's rate, and this p99. */
export const BUDGET = { ceilingShare: 0.8, p99Ms: 50 }

const pad = (s, n) => String(s).padEnd(n)
const lpad = (s, n) => String(s).padStart(n)
const int = (n) => Math.round(n).toLocaleString('en-US')

/** PASS, or MISS with every reason, for one row against its ceiling. */
export function budgetVerdict(row, ceiling) {
  if (!ceiling || row === ceiling) return '-'
  const misses = []
  const share = row.rps / ceiling.rps
  // One decimal: a share just under the budget must not print as the budget itself ("80% < 80%").
  if (!(share >= BUDGET.ceilingShare))
    misses.push(`${(share * 100).toFixed(1)}% of ceiling < ${BUDGET.ceilingShare * 100}%`)
  if (!(row.p99 < BUDGET.p99Ms)) misses.push(`p99 ${row.p99} ms ≥ ${BUDGET.p99Ms} ms`)
  if (row.errors || row.non2xx) misses.push('errors')
  return misses.length ? `MISS (${misses.join('; ')})` : 'PASS'
}

/**
 * @param {{ name: string, path: string, mode: { key: string, label: string }, first: object, warm: object,
 *   rps: number, p50: number, p99: number, wirePerResponse: number, errors: number, non2xx: number }[]} rows
 */
export function printLoadTable(rows, { connections, duration }) {
  const ceilingOf = (mode) => rows.find((r) => r.isCeiling && r.mode.key === mode.key)
  console.log(
    `\nDaisy load benchmark (${loadGenerator()}) — ${connections} connections, ${duration} s per run after a 2 s warm-up, ${new Date().toISOString()}`,
  )
  console.log(
    `Budget per page: ≥ ${BUDGET.ceilingShare * 100}% of the static ceiling's req/s in the same mode, and p99 < ${BUDGET.p99Ms} ms.\n`,
  )
  const head = `${pad('page', 24)}${pad('Accept-Enc.', 12)}${lpad('status', 6)}  ${pad('encoding', 9)}${lpad('body B', 9)}${lpad('wire B/resp', 12)}  ${pad('cache', 18)}${lpad('req/s', 8)}${lpad('p50 ms', 8)}${lpad('p99 ms', 8)}${lpad('vs ceiling', 11)}${lpad('err/non2xx', 12)}  budget`
  console.log(head)
  console.log('-'.repeat(head.length + 30))
  for (const r of rows) {
    const ceiling = ceilingOf(r.mode)
    const ratio = ceiling ? `${((r.rps / ceiling.rps) * 100).toFixed(0)}%` : '-'
    const cache = `${r.first.cache}→${r.warm.cache}`
    console.log(
      `${pad(r.name, 24)}${pad(r.mode.label, 12)}${lpad(r.warm.status, 6)}  ${pad(r.warm.encoding, 9)}${lpad(int(r.warm.body.length), 9)}${lpad(int(r.wirePerResponse), 12)}  ${pad(cache, 18)}` +
        `${lpad(int(r.rps), 8)}${lpad(r.p50, 8)}${lpad(r.p99, 8)}${lpad(ratio, 11)}${lpad(`${r.errors}/${r.non2xx}`, 12)}  ${budgetVerdict(r, ceiling)}`,
    )
  }
  console.log(`
  body B: the response body as sent (compressed when the server chose an encoding); wire B/resp: what the load generator
  counted per response, headers included. cache: the page cache's x-daisy-cache (pc:HIT/MISS), else x-nextjs-cache, of the first hit → after the warm-up ("-": none).
  vs ceiling: req/s as a share of the static file's in the same Accept-Encoding mode.`)
  console.log('\nHeaders after the warm-up (compressed mode):')
  for (const r of rows.filter((row) => row.mode.key === 'compressed')) {
    console.log(`  ${pad(r.path, 54)} cache-control: ${r.warm.cacheControl}; vary: ${r.warm.vary}`)
  }
}

export function printDatabase(sqlite, dbFile, size) {
  console.log(`\nDatabase rows (${dbFile}, ${(size / 1024 / 1024).toFixed(0)} MB):`)
  for (const table of ['Post', 'Tag', 'Comment', 'User', 'PostSearch']) {
    console.log(
      `  ${pad(table, 12)}${lpad(sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get().n.toLocaleString('en-US'), 12)}`,
    )
  }
  const byKind = sqlite.prepare(`SELECT kind, count(*) AS n FROM "Comment" GROUP BY kind ORDER BY kind`).all()
  console.log(`  ${byKind.map((k) => `${k.kind.toLowerCase()} ${k.n.toLocaleString('en-US')}`).join(' · ')}`)
}
