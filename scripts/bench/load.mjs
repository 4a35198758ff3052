// One measured load run: a raw request to see what the server sends (status, encoding, bytes on the wire,
// cache headers), a warm-up under the same load, then the measured autocannon run.
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
          cache: h['x-daisy-cache'] ? `pc:${h['x-daisy-cache']}` : h['x-nextjs-cache'] || (h['x-nextjs-prerender'] ? 'prerender' : '-'),
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
  await autocannon({ url, headers, connections, duration: warmSeconds })
  const warm = await probe(url, headers)
  const result = await autocannon({ url, headers, connections, duration })
  return {
    first,
    warm,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // Headers included: what each response cost on the wire, as autocannon counted it.
    wirePerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}
