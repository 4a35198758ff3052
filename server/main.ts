// Daisy's HTTP server: Next.js's production request handler (what `next start` runs) behind a front door that
// settles, before any app code runs, who the client is, whether a request body may be read, and what shared
// caches may keep (server/front-door.ts). `npm start`, `npm run serve` and the e2e server all run this, on
// Node 24, which runs this TypeScript as it is (type stripping).
import http, { type IncomingMessage, type OutgoingHttpHeader, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname } from 'node:path'
import { env } from '../lib/env.ts'
import { hasSession } from '../lib/auth/session-cookie.ts'
import {
  bodyRefusal,
  crossSiteRefusal,
  needsSessionCheck,
  parseTrustProxy,
  selfUrl,
  settleClient,
  sharedCacheControl,
  type Refusal,
} from './front-door.ts'
import { NOT_FOUND_PATH, PageCache, pageCacheLayer, type Entry } from './page-cache.ts'
import { plainReaderPage } from './plain-html.ts'
import { bundleReaderScript, serveReaderScript } from './reader-script.ts'
import { requestCacheTags, stampRequest } from './route-cache-handler.ts'
import { sharedCache } from './shared-cache.ts'
import { persistTagExpiry } from './tag-expiry.ts'
import { federationPath } from '../lib/federation/paths.ts'
import { SiteMove } from './site-move.ts'
import { tags } from '../lib/cache/tags.ts'

const root = dirname(import.meta.dirname)
// Next reads it to pick its production server (lib/env.ts has parsed the rest by now).
;(process.env as Record<string, string>).NODE_ENV = 'production'
const portArg = process.argv.indexOf('-p')
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : env.PORT
const hostname = env.BIND_ADDRESS

const trust = parseTrustProxy(env.TRUST_PROXY)
const limits = {
  publicMax: env.PUBLIC_BODY_MAX_BYTES,
  // Media uploads go through server actions under /admin; Next reads at most its bodySizeLimit (12 MB).
  adminMax: env.MEDIA_MAX_BYTES + 2 * 1024 * 1024,
}
const sharedMaxAge = env.SHARED_CACHE_MAX_AGE
// Finished public pages and feeds, ready to send (server/page-cache.ts); a page goes when one of its tags expires.
// Reader pages as plain HTML: the comment form's own small script, bundled once now (server/reader-script.ts).
const readerScript = env.DAISY_READER_JS === 'plain' ? bundleReaderScript(root) : null
const pages = new PageCache({
  maxBytes: env.PAGE_CACHE_MAX_MB * 1024 * 1024,
  rewriteHtml: readerScript ? (html, key) => plainReaderPage(html, key, readerScript.tag) : null,
})
const pageCache = pageCacheLayer(pages, { cacheTagsOfRequest: requestCacheTags, notFoundPage })

// Where the blog has moved, if it has (server/site-move.ts): asked of the app, again whenever the settings change.
const siteMove = new SiteMove(async () => {
  const { status, body } = await askSelf('/api/site-move', { accept: 'application/json' })
  if (status !== 200) throw new Error(`the app answered ${status}`)
  const { movedTo } = JSON.parse(body) as { movedTo: unknown }
  return typeof movedTo === 'string' && movedTo ? movedTo : null
})

persistTagExpiry(root, env.DAISY_DIST_DIR, {
  onExpire: (tag) => {
    pages.expireTag(tag)
    if (tag === tags.settings) siteMove.forget()
  },
})
// With REDIS_URL, tag expiries other nodes recorded are read before each request is answered, by the page
// cache or by Next: what was approved or published through another node is on this one's next response.
const shared = sharedCache()
await shared?.tags.refresh()
const { default: next } = await import('next')
const app = next({ dev: false, dir: root, port, hostname: hostname ?? 'localhost' })
await app.prepare()
const handle = app.getRequestHandler()

// Each request is stamped with when it came in (before the tag refresh): a page it renders is judged by that
// moment, not by when it is stored (server/route-cache-handler.ts).
const server = http.createServer((req, res) => stampRequest(() => serve(req, res)))
// `Expect: 100-continue`: decide before telling the client to send its body, so a refused one is never sent.
server.on('checkContinue', (req, res) => stampRequest(() => serve(req, res, { expectsContinue: true })))

// Which node answered, for an operator (or a test) looking behind a load balancer: scripts/cluster.mjs sets it.
const nodeName = env.DAISY_NODE

async function serve(req: IncomingMessage, res: ServerResponse, { expectsContinue = false } = {}): Promise<void> {
  if (nodeName) res.setHeader('x-daisy-node', nodeName)
  settleClient(req, trust)
  // Only a signed-in browser may send an admin-sized body: proxy.ts reads the whole body before it can turn
  // an anonymous visitor away. The body stays unread (paused) while the cookie is checked.
  const signedIn = needsSessionCheck(req.method, req.url, req.headers, limits) && (await hasSession(req.headers.cookie))
  const refusal =
    crossSiteRefusal(req.method, req.url, req.headers) ??
    bodyRefusal(req.method, req.url, req.headers, { ...limits, signedIn })
  if (refusal) return refuse(res, refusal)
  if (expectsContinue) res.writeContinue()
  if (readerScript && serveReaderScript(req, res, readerScript)) return
  await shared?.tags.refresh()
  // The fediverse (WebFinger, the actor, its inbox, a post asked for as ActivityPub) never meets the page cache:
  // a post's address answers browsers and servers apart, whichever asks first (lib/federation/paths.ts).
  const federated = federationPath(req.method, req.url, req.headers.accept)
  if (!federated && (await siteMove.redirect(req, res))) return
  if (federated) req.url = federated
  else if (POST_PATH.test(req.url ?? '')) varyOnAccept(res)
  const next = federated ? {} : await pageCache.answer(req, res)
  if (!next) return

  let nextCacheControl: OutgoingHttpHeader | undefined
  const setHeader = res.setHeader
  res.setHeader = function (name: string, value: OutgoingHttpHeader) {
    if (String(name).toLowerCase() !== 'cache-control') return setHeader.call(this, name, value)
    nextCacheControl = value
    return setHeader.call(this, name, sharedCacheControl(value, sharedMaxAge))
  }
  if (next.key) pageCache.keep(req, res, next.key, () => nextCacheControl)
  handle(req, res).catch((error: unknown) => {
    console.error('daisy: request failed', error)
    if (!res.headersSent) refuse(res, { status: 500, message: 'Something went wrong on our side.' })
  })
}
// A burst of new connections (a thousand servers fetching a post's preview at once) waits in the kernel's accept
// queue: Node's default of 511 overflowed it, and a dropped SYN is sent again only after a second. The kernel caps
// it at net.core.somaxconn (4096 on current Linux).
server.listen({ port, host: hostname, backlog: 4096 }, () => {
  const self = selfUrl(server.address() as AddressInfo)
  // Where this process reaches itself (instrumentation.ts wakes the job queues there every minute).
  process.env.DAISY_SELF_URL = self
  console.log(`  ▲ Daisy listening on http://${hostname ?? 'localhost'}:${port} (reaching itself at ${self})`)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0))
    // Keep-alive connections would hold close() open: give requests in flight a moment, then go.
    setTimeout(() => process.exit(0), 3000).unref()
    server.closeIdleConnections?.()
  })
}

const POST_PATH = /^\/posts\/[^/?]+(?:\?|$)/

/** A post's page says it varies with Accept (its address also answers ActivityPub): shared caches keep both. */
function varyOnAccept(res: ServerResponse): void {
  const setHeader = res.setHeader
  res.setHeader = function (name: string, value: OutgoingHttpHeader) {
    if (String(name).toLowerCase() === 'vary' && !/\baccept\b/i.test(String(value)))
      return setHeader.call(this, name, `${String(value)}, Accept`)
    return setHeader.call(this, name, value)
  }
}

/**
 * The site's not-found page for a request's host, asked of this server once (it goes through the page cache
 * like any page, so it is rewritten, compressed and dropped when its tags expire) and then read from the cache.
 */
async function notFoundPage(req: IncomingMessage): Promise<Entry | null> {
  const key = pages.keyOf({ method: 'GET', url: NOT_FOUND_PATH, headers: req.headers } as IncomingMessage)
  if (!key) return null
  const kept = pages.get(key)
  if (kept) return kept
  await askSelf(NOT_FOUND_PATH, { host: req.headers.host ?? '', accept: 'text/html' }).catch(() => undefined)
  return pages.get(key) ?? null
}

/** A GET of this server by itself (the app behind the front door), its body read whole as text. */
async function askSelf(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const self = process.env.DAISY_SELF_URL
  if (!self) throw new Error('the server is not listening yet')
  const { hostname, port } = new URL(self)
  return await new Promise((resolve, reject) => {
    const ask = http.get(
      { hostname: hostname.replace(/^\[|\]$/g, ''), port, path, headers, timeout: 10_000 },
      (answer) => {
        const chunks: Buffer[] = []
        answer
          .on('data', (chunk: Buffer) => chunks.push(chunk))
          .on('end', () => resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
          .on('error', reject)
      },
    )
    ask.on('error', reject).on('timeout', () => ask.destroy(new Error(`${path} took over 10 s`)))
  })
}

/** Answers before reading the body, and closes the connection so an unread body is not parsed as a request. */
function refuse(res: ServerResponse, { status, message }: Refusal): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  })
  res.end(`${message}\n`)
}
