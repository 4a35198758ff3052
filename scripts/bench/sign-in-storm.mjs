#!/usr/bin/env node
// How a reader's page fares while sign-in attempts hammer the server (password hashing must not starve it).
// `npm run bench` runs it; alone: `node scripts/bench/sign-in-storm.mjs <origin> <page path>` against any
// running Daisy whose TRUST_PROXY trusts loopback (each attempt comes from its own made-up address, as a
// botnet's would, so the sign-in brake does not turn them away before any hashing).
import autocannon from 'autocannon'

/** Median and p99 of `path` for `seconds` at 10 connections, alone and during `attempts` sign-ins, `concurrency` at a time. */
export async function signInStorm(origin, path, { attempts = 100, concurrency = 20, seconds = 8 } = {}) {
  const url = `${origin}${path}`
  await autocannon({ url, connections: 10, duration: 2 })
  const quiet = await autocannon({ url, connections: 10, duration: seconds })
  const page = autocannon({ url, connections: 10, duration: seconds })
  const started = Date.now()
  let next = 0
  let finished = 0
  const worker = async () => {
    while (next < attempts) {
      const i = next++
      await attempt(origin, `storm-${i}-${Date.now()}@example.com`, `203.0.${Math.floor(i / 250)}.${(i % 250) + 1}`)
      finished++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const stormSeconds = (Date.now() - started) / 1000
  const during = await page
  return {
    quiet: { p50: quiet.latency.p50, p99: quiet.latency.p99, rps: quiet.requests.average },
    during: { p50: during.latency.p50, p99: during.latency.p99, rps: during.requests.average },
    signIns: { attempts: finished, seconds: stormSeconds },
  }
}

async function attempt(origin, email, address) {
  const headers = { 'x-forwarded-for': address }
  const csrf = await fetch(`${origin}/api/auth/csrf`, { headers })
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const { csrfToken } = await csrf.json()
  const body = new URLSearchParams({ csrfToken, email, password: 'not-the-password', json: 'true' })
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  })
  await response.arrayBuffer()
}

export function printStorm({ quiet, during, signIns }) {
  console.log(
    `\nA post page while ${signIns.attempts} sign-in attempts ran (20 at a time, ${signIns.seconds.toFixed(1)} s):`,
  )
  console.log(`  alone:  p50 ${quiet.p50} ms, p99 ${quiet.p99} ms, ${Math.round(quiet.rps)} req/s`)
  console.log(`  during: p50 ${during.p50} ms, p99 ${during.p99} ms, ${Math.round(during.rps)} req/s`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [origin = 'http://localhost:3000', path = '/'] = process.argv.slice(2)
  printStorm(await signInStorm(origin, path))
}
