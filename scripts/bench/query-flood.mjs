// What made-up query strings cost: 300 invented variants of one post page (`?utm=N`, dropped from the page
// cache's key, and `?v=N`, of which a path keeps 4), each asked twice, 20 at a time; then the CPU the server
// spends after the last answer (brotli it queued for pages nobody will read again was the cost once), and
// whether the real page stayed cached. Read from /proc (Linux): the server process's user + system time.
import { readFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100

/** CPU seconds `pid` has used so far (utime + stime from /proc/<pid>/stat), or NaN off Linux. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return NaN
  }
}

export async function queryFlood(server, origin, path, { variants = 300, concurrency = 20, settleSeconds = 25 } = {}) {
  const get = async (url) => {
    const response = await fetch(url, { headers: { 'accept-encoding': 'gzip, br' } })
    await response.arrayBuffer()
    return response.headers.get('x-daisy-cache')
  }
  // The real page, read a few times as readers would: cached, protected, worth brotli.
  for (let i = 0; i < 4; i++) await get(`${origin}${path}`)
  const urls = []
  for (let i = 0; i < variants / 2; i++) urls.push(`${origin}${path}?utm=${i}-${Date.now()}`)
  for (let i = 0; i < variants / 2; i++) urls.push(`${origin}${path}?v=${i}-${Date.now()}`)
  const requests = [...urls, ...urls]
  const cpuBefore = cpuSeconds(server.pid)
  const started = Date.now()
  let next = 0
  const worker = async () => {
    while (next < requests.length) await get(requests[next++])
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const answeredSeconds = (Date.now() - started) / 1000
  const cpuAnswered = cpuSeconds(server.pid)
  await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000))
  const cpuAfter = cpuSeconds(server.pid)
  return {
    requests: requests.length,
    variants,
    answeredSeconds,
    cpuWhileAnswering: cpuAnswered - cpuBefore,
    cpuAfterAnswered: cpuAfter - cpuAnswered,
    settleSeconds,
    realPage: await get(`${origin}${path}`),
  }
}

export function printQueryFlood(flood) {
  console.log(
    `\n${flood.requests} requests for ${flood.variants} made-up query strings of the post page (20 at a time): answered in ${flood.answeredSeconds.toFixed(1)} s`,
  )
  console.log(`  server CPU while answering: ${flood.cpuWhileAnswering.toFixed(2)} s`)
  console.log(
    `  server CPU in the ${flood.settleSeconds} s after the last answer: ${flood.cpuAfterAnswered.toFixed(2)} s (target < 3 s)`,
  )
  console.log(`  the post page itself afterwards: ${flood.realPage} (target HIT: made-up addresses evict no real page)`)
}
