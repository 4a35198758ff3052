// What Daisy's server decides before Next.js sees a request: who the client is (TRUST_PROXY), whether a body may
// be read at all (size caps while it is still on the wire), and how long shared caches may keep a page.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import proxyaddr from 'proxy-addr'
import { CLIENT_IP_HEADER } from '../lib/http/names.ts'

/** Whether to believe what the peer at `address`, `index` hops away, says about the client. */
export type Trust = (address: string, index: number) => boolean
export interface Refusal {
  status: number
  message: string
}

export { CLIENT_IP_HEADER }

// Headers a proxy writes about the client: honoured only from a peer TRUST_PROXY names.
const FORWARDING_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'forwarded',
]

/**
 * TRUST_PROXY, as Express and Fastify read it: unset, `false` or `0` trusts nobody (the socket's address is the
 * client); a number trusts that many hops in front of Daisy; otherwise a comma-separated list of addresses,
 * CIDR ranges or the names `loopback`, `linklocal`, `uniquelocal`; `true` trusts every hop (only when the
 * proxy in front overwrites X-Forwarded-For). Throws on a value it cannot read, so a typo stops the server.
 */
export function parseTrustProxy(value: string | undefined): Trust {
  const text = String(value ?? '').trim()
  if (text === '' || text === 'false' || text === '0') return () => false
  if (text === 'true') return () => true
  if (/^\d+$/.test(text)) {
    const hops = Number(text)
    return (_address: string, index: number) => index < hops
  }
  try {
    return proxyaddr.compile(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
  } catch (error) {
    throw new Error(
      `TRUST_PROXY: ${error instanceof Error ? error.message : String(error)} (expected a hop count, addresses, CIDR ranges, loopback, linklocal or uniquelocal)`,
    )
  }
}

const unmapped = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1')

/**
 * Settles who sent the request, in place: the client's address goes into CLIENT_IP_HEADER, and the forwarding
 * headers are dropped unless the peer is a trusted proxy (so nothing downstream can be fooled by them).
 */
export function settleClient(req: IncomingMessage, trust: Trust): string {
  const peer = req.socket?.remoteAddress ?? ''
  const forwardedFor = req.headers['x-forwarded-for']
  // The same peer and X-Forwarded-For settle the same way: parsing the addresses (ipaddr.js, behind the trust
  // check and proxy-addr) was a percent of a busy node's CPU, so the answer is remembered for the last few.
  const memo = `${peer} ${typeof forwardedFor === 'string' ? forwardedFor : ''}`
  let settledClients = settledBy.get(trust)
  if (!settledClients) settledBy.set(trust, (settledClients = new Map()))
  let settled = memo.length <= 512 ? settledClients.get(memo) : undefined
  if (!settled) {
    settled = settle(req, peer, trust)
    if (memo.length <= 512) {
      if (settledClients.size >= SETTLED_CLIENTS) settledClients.delete(settledClients.keys().next().value!)
      settledClients.set(memo, settled)
    }
  }
  if (!settled.trusted) for (const name of FORWARDING_HEADERS) delete req.headers[name]
  req.headers[CLIENT_IP_HEADER] = settled.client
  return settled.client
}

const SETTLED_CLIENTS = 2048
const settledBy = new WeakMap<Trust, Map<string, { trusted: boolean; client: string }>>()

function settle(req: IncomingMessage, peer: string, trust: Trust): { trusted: boolean; client: string } {
  const trusted = !!peer && trust(peer, 0)
  let address = peer
  if (trusted) {
    try {
      address = proxyaddr(req, trust)
    } catch {
      // A malformed X-Forwarded-For from a trusted proxy: fall back to the proxy itself.
    }
  }
  return { trusted, client: unmapped(address || 'unknown').slice(0, 64) }
}

/** Route handlers that stream their own bodies with their own caps (lib/http/read-body.ts, the import upload). */
const SELF_CAPPED = [/^\/xmlrpc\/?$/, /^\/webmention\/?$/, /^\/trackback\/[^/]+\/?$/, /^\/api\/import\/?$/]
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])

/**
 * Whether a request's body may be read. Server actions, next-auth and proxy.ts read whole bodies into memory,
 * so outside the self-capped routes a body must declare its length (no chunked uploads) and stay under the cap:
 * `publicMax` for everyone (comments, post passwords, sign-in), `adminMax` (media uploads) only under /admin
 * and only for a request carrying a valid session cookie (`signedIn`). Returns null, or the status and reason
 * to refuse with before a byte of the body is read.
 */
export function bodyRefusal(
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
  { publicMax, adminMax, signedIn = false }: { publicMax: number; adminMax: number; signedIn?: boolean },
): Refusal | null {
  if (BODYLESS.has(method ?? 'GET')) return null
  const path = normalizedPath(url)
  if (SELF_CAPPED.some((pattern) => pattern.test(path))) return null
  const limit = signedIn && isAdminPath(path) ? adminMax : publicMax
  const declared = headers['content-length']
  if (declared === undefined) {
    return headers['transfer-encoding'] ? { status: 411, message: 'Send the request with a Content-Length.' } : null
  }
  if (!/^\d+$/.test(declared)) return { status: 400, message: 'The Content-Length is not a number.' }
  if (Number(declared) > limit)
    return {
      status: 413,
      message: `The request is larger than the ${formatBytes(limit)} this form accepts; nothing was saved.`,
    }
  return null
}

const FORM_TYPES = /^\s*(?:multipart\/form-data|application\/x-www-form-urlencoded)\b/i

/**
 * A server action posted from another site: 403 before Next sees it. Next refuses one whose Origin is not this
 * host too, but by throwing, which answers 500 ("crash", to a monitor). An action is a POST with Next's
 * `Next-Action` header, or a form post to a page (an action without JavaScript); an API route or a protocol
 * endpoint is not one (TrackBack, pingback and webmention come from other sites by design). The host compared
 * is the one Next compares: X-Forwarded-Host when a trusted proxy sent it (settleClient drops it otherwise), else
 * Host. No Origin (an old browser, a script) is left to Next.
 */
export function crossSiteRefusal(
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
): Refusal | null {
  if (method !== 'POST' || headers.origin === undefined) return null
  const path = normalizedPath(url)
  const action =
    headers['next-action'] !== undefined ||
    (!path.startsWith('/api/') && FORM_TYPES.test(headers['content-type'] ?? ''))
  if (!action || SELF_CAPPED.some((pattern) => pattern.test(path))) return null
  const host = String(headers['x-forwarded-host'] ?? headers.host ?? '')
    .split(',')[0]!
    .trim()
    .toLowerCase()
  let originHost: string | null = null
  try {
    originHost = new URL(String(headers.origin)).host.toLowerCase()
  } catch {
    // `Origin: null` (a sandboxed page, a file, a redirect across sites) and anything unreadable.
  }
  if (originHost && originHost === host) return null
  return { status: 403, message: 'This form was sent from another site; nothing was done.' }
}

export const isAdminPath = (path: string): boolean => path === '/admin' || path.startsWith('/admin/')

/** Whether a body over `publicMax` might be a signed-in author's upload, so the session is worth checking. */
export function needsSessionCheck(
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
  { publicMax }: { publicMax: number },
): boolean {
  return (
    !BODYLESS.has(method ?? 'GET') &&
    isAdminPath(normalizedPath(url)) &&
    Number(headers['content-length'] ?? 0) > publicMax
  )
}

/** The path as Next will route it: dot segments resolved (`/admin/../posts/x` is `/posts/x`), query dropped. */
function normalizedPath(url: string | undefined): string {
  return URL.parse(url ?? '/', 'http://front.door')?.pathname ?? '/'
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`
}

/**
 * Next.js marks prerendered pages and feeds `s-maxage=<revalidate>` (30 days for Daisy's on-demand-expired
 * pages), which a CDN or proxy cache would honour long after a new comment. Daisy expires its own cache on each
 * write, but cannot reach a shared cache in front of it, so those get a short life instead (`maxAge` seconds,
 * then revalidation with the ETag; 0 means revalidate every time). Other values pass unchanged.
 */
export function sharedCacheControl<T>(value: T, maxAge: number): T | string {
  if (typeof value !== 'string' || !/\bs-maxage=\d+/.test(value) || /\b(private|no-store)\b/.test(value)) return value
  return maxAge > 0
    ? `public, max-age=0, s-maxage=${maxAge}, stale-while-revalidate=${maxAge}`
    : 'public, max-age=0, no-cache'
}

/** The address this server answers on from inside the machine: loopback when it listens on every address. */
export function selfUrl({ address, port }: Pick<AddressInfo, 'address' | 'port'>): string {
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}
