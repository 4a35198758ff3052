// One measured load run: a raw request to see what the server sends (status, encoding, bytes on the wire,
// cache headers), a warm-up under the same load, then the measured autocannon run.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import http from 'node:http'
import autocannon from 'autocannon'

/** The two ways a client may ask: no Accept-Encoding at all, and what browsers send. */
export const MODES = [
  { key: 'plain', label: 'none', headers: {} },
  { key: 'compressed', label: 'gzip, br', headers: { 'accept-encoding': 'gzip, br' } },
]

/**
 * One GET through node:http, which (unlike fetch) neither adds Accept-Encoding nor decodes the body, so the
 * byte count is what crossed the wire (after chunked framing is removed).
 */
export function probe(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const chunks = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('end', () => {
        const h = response.headers
        resolve({
          status: response.statusCode,
          body: Buffer.concat(chunks),
          encoding: h['content-encoding'] || 'identity',
          // What says whether the page came from a cache: the front door's page cache (x-daisy-cache), else
          // Next's own header; and what shared caches are told.
          cache: h['x-daisy-cache']
            ? `pc:${h['x-daisy-cache']}`
            : h['x-nextjs-cache'] || (h['x-nextjs-prerender'] ? 'prerender' : '-'),
          cacheControl: h['cache-control'] || '-',
          vary: h.vary || '-',
        })
      })
      response.on('error', reject)
    })
    request.on('error', reject)
    request.setTimeout(30_000, () => request.destroy(new Error(`no answer from ${url} in 30 s`)))
  })
}

/**
 * Warm-up, then the measured run, for one address in one mode. The first raw hit may render the page (its
 * cache header says so); the warm-up puts the server where the measured run finds it in steady state.
 */
export async function measure(url, { headers, connections, duration, warmSeconds = 2 }) {
  const first = await probe(url, headers)
  await load(url, { headers, connections, duration: warmSeconds })
  const warm = await probe(url, headers)
  return { first, warm, ...(await load(url, { headers, connections, duration })) }
}

/**
 * The load generator: wrk (C, Debian's package; installed with apt when we are root) when present, as the
 * issue's own figures were taken with it and it leaves the server most of the two cores; else autocannon,
 * which parses every response in JavaScript and so caps large pages on the client side.
 */
export function loadGenerator() {
  if (existsSync(WRK)) return 'wrk'
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    spawnSync('apt-get', ['install', '-y', '-qq', 'wrk'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    if (existsSync(WRK)) return 'wrk'
  }
  return 'autocannon'
}
const WRK = '/usr/bin/wrk'

async function load(url, { headers, connections, duration }) {
  if (loadGenerator() === 'autocannon') {
    const result = await autocannon({ url, headers, connections, duration })
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      // Headers included: what each response cost on the wire, as autocannon counted it.
      wirePerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    }
  }
  const args = [
    '-t',
    '2',
    '-c',
    String(connections),
    '-d',
    `${duration}s`,
    '--latency',
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    url,
  ]
  const output = await new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let text = ''
    child.stdout.on('data', (chunk) => (text += chunk))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text}`))))
  })
  return parseWrk(output)
}

/**
 * The same load, running until stopped: for a measurement whose length is not known in advance (readers while a
 * post goes out to its followers). wrk prints its report when interrupted; autocannon is stopped in process.
 */
export function startLoad(url, { headers = {}, connections }) {
  if (loadGenerator() === 'autocannon') {
    let instance
    const done = new Promise((resolve, reject) => {
      instance = autocannon({ url, headers, connections, duration: 3600 }, (error, result) =>
        error ? reject(error) : resolve(result),
      )
    })
    return {
      async stop() {
        instance.stop()
        const result = await done
        return {
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
        }
      },
    }
  }
  const args = ['-t', '2', '-c', String(connections), '-d', '3600s', '--latency']
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`)
  const child = spawn(WRK, [...args, url], { stdio: ['ignore', 'pipe', 'inherit'] })
  let text = ''
  child.stdout.on('data', (chunk) => (text += chunk))
  const exited = new Promise((resolve) => child.on('exit', resolve))
  return {
    async stop() {
      child.kill('SIGINT')
      await exited
      return { ...parseWrk(text), requests: Number(/(\d+) requests in/.exec(text)?.[1] ?? 0) }
    },
  }
}

const UNITS = { us: 0.001, ms: 1, s: 1000, m: 60_000, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }

/** Reads wrk's `--latency` report: requests/s, p50 and p99 in ms, bytes per response, errors. */
export function parseWrk(text) {
  const quantity = (pattern) => {
    const match = pattern.exec(text)
    return match ? Number(match[1]) * (UNITS[match[2]] ?? 1) : NaN
  }
  const total = Number(/(\d+) requests in/.exec(text)?.[1] ?? 0)
  const read = quantity(/requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB|TB) read/)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text)
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? 0),
    p50: quantity(/^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$/m),
    p99: quantity(/^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$/m),
    wirePerResponse: total ? read / total : 0,
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    /** wrk's own words for them ("connect 0, read 0, write 0, timeout 39"), and its latency table as printed. */
    errorKinds: socket ? socket[0].replace('Socket errors: ', '') : '',
    latencyTable: /Latency Distribution[\s\S]*?(?=\n\s*\d+ requests in)/.exec(text)?.[0] ?? '',
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
  }
}
