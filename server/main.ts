#!/usr/bin/env node
// Daisy's HTTP server: Next.js's production request handler (what `next start` runs) behind a front door that
// settles, before any app code runs, who the client is, whether a request body may be read, and what shared
// caches may keep (scripts/lib/front-door.mjs). `npm start`, `npm run serve` and the e2e server all run this.
import http from 'node:http'
import { bodyRefusal, needsSessionCheck, parseTrustProxy, settleClient, sharedCacheControl } from './lib/front-door.mjs'
import { PageCache, pageCacheLayer } from './lib/page-cache.mjs'
import { stampRequest } from './lib/route-cache-handler.mjs'
import { sharedCache } from './lib/shared-cache.mjs'
import { root } from './lib/steps.mjs'
import { persistTagExpiry } from './lib/tag-expiry.mjs'

process.env.NODE_ENV = 'production'
const portArg = process.argv.indexOf('-p')
const port = Number(portArg > 0 ? process.argv[portArg + 1] : process.env.PORT || 3000)
const hostname = process.env.BIND_ADDRESS || undefined

const trust = parseTrustProxy(process.env.TRUST_PROXY)
const limits = {
  publicMax: wholeNumberFromEnv('PUBLIC_BODY_MAX_BYTES', 256 * 1024),
  // Media uploads go through server actions under /admin; Next reads at most its bodySizeLimit (12 MB).
  adminMax: wholeNumberFromEnv('MEDIA_MAX_BYTES', 10 * 1024 * 1024) + 2 * 1024 * 1024,
}
const sharedMaxAge = wholeNumberFromEnv('SHARED_CACHE_MAX_AGE', 10)
// Finished public pages and feeds, ready to send (scripts/lib/page-cache.mjs); emptied whenever a tag expires.
const pages = new PageCache({ maxBytes: wholeNumberFromEnv('PAGE_CACHE_MAX_MB', 64) * 1024 * 1024 })
const pageCache = pageCacheLayer(pages)

persistTagExpiry(root, process.env.DAISY_DIST_DIR || '.next', { onExpire: () => pages.clear() })
// With REDIS_URL, tag expiries other nodes recorded are read before each request is answered, by the page
// cache or by Next: what was approved or published through another node is on this one's next response.
const shared = sharedCache()
await shared?.tags.refresh()
const { default: next } = await import('next')
const app = next({ dev: false, dir: root, port, hostname: hostname ?? 'localhost' })
await app.prepare()
const handle = app.getRequestHandler()

// Each request is stamped with when it came in (before the tag refresh): a page it renders is judged by that
// moment, not by when it is stored (scripts/lib/route-cache-handler.mjs).
const server = http.createServer((req, res) => stampRequest(() => serve(req, res)))
// `Expect: 100-continue`: decide before telling the client to send its body, so a refused one is never sent.
server.on('checkContinue', (req, res) => stampRequest(() => serve(req, res, { expectsContinue: true })))

// Which node answered, for an operator (or a test) looking behind a load balancer: scripts/cluster.mjs sets it.
const nodeName = process.env.DAISY_NODE

async function serve(req, res, { expectsContinue = false } = {}) {
  if (nodeName) res.setHeader('x-daisy-node', nodeName)
  settleClient(req, trust)
  // Only a signed-in browser may send an admin-sized body: proxy.ts reads the whole body before it can turn
  // an anonymous visitor away. The body stays unread (paused) while the cookie is checked.
  const signedIn = needsSessionCheck(req.method, req.url, req.headers, limits) && (await hasSessionCookie(req))
  const refusal = bodyRefusal(req.method, req.url, req.headers, { ...limits, signedIn })
  if (refusal) return refuse(res, refusal)
  if (expectsContinue) res.writeContinue()
  await shared?.tags.refresh()
  const next = await pageCache.answer(req, res)
  if (!next) return

  let nextCacheControl
  const setHeader = res.setHeader
  res.setHeader = function (name, value) {
    if (String(name).toLowerCase() !== 'cache-control') return setHeader.call(this, name, value)
    nextCacheControl = value
    return setHeader.call(this, name, sharedCacheControl(value, sharedMaxAge))
  }
  if (next.key) pageCache.keep(req, res, next.key, () => nextCacheControl)
  handle(req, res).catch((error) => {
    console.error('daisy: request failed', error)
    if (!res.headersSent) refuse(res, { status: 500, message: 'Something went wrong on our side.' })
  })
}
server.listen(port, hostname, () => {
  console.log(`  ▲ Daisy listening on http://${hostname ?? 'localhost'}:${port}`)
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0))
    // Keep-alive connections would hold close() open: give requests in flight a moment, then go.
    setTimeout(() => process.exit(0), 3000).unref()
    server.closeIdleConnections?.()
  })
}

/** Answers before reading the body, and closes the connection so an unread body is not parsed as a request. */
function refuse(res, { status, message }) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  })
  res.end(`${message}\n`)
}

/** Whether the request carries a next-auth session cookie that decodes with this blog's secret. */
async function hasSessionCookie(req) {
  const cookies = Object.fromEntries(
    (req.headers.cookie ?? '').split(/;\s*/).map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]),
  )
  const token = cookies['__Secure-next-auth.session-token'] ?? cookies['next-auth.session-token']
  if (!token || !process.env.NEXTAUTH_SECRET) return false
  try {
    const { decode } = await import('next-auth/jwt')
    return !!(await decode({ token: decodeURIComponent(token), secret: process.env.NEXTAUTH_SECRET }))?.sub
  } catch {
    return false
  }
}

function wholeNumberFromEnv(name, fallback) {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number (got ${JSON.stringify(raw)})`)
  return Number(raw)
}
