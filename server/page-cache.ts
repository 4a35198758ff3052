// The page cache: finished public responses (pages, feeds) kept in memory with their gzip and brotli forms, and
// sent straight from the front door to readers without cookies that personalise a page. Next.js still decides
// what may be cached (only a response it marks `s-maxage`, i.e. one its own cache would share) and when it goes
// stale (an expired cache tag drops the pages Next tagged with it: see tag-expiry.ts). What this saves on each hit is Next's
// routing, re-stringifying and re-hashing of its cached page, and gzip per request: a hit costs about as much as
// sending a static file. README, "Page cache".
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { PERSONAL_COOKIE } from '../lib/http/names.ts'

export interface Entry {
  /** 200, or 404 for the site's "Page not found" page (the answer to every unknown reader address) */
  status: number
  headers: OutgoingHttpHeaders
  identity: Buffer
  gzip: Buffer | null
  br: Buffer | null
  /** brotli is being made (or was): a page gets it from its second read on */
  brPending: boolean
  etag: string | null
  expiresAt: number
  bytes: number
  /** The cache tags of what Next read or stored for the page; null when none are known: any expiry drops it. */
  tags: ReadonlySet<string> | null
  /** Reads since it was stored: a second read admits it to the protected part, a few more earn it brotli. */
  hits: number
  /** Its query string (tracking parameters dropped), if any: a path keeps few such variants. */
  variantOf: string | null
}
export interface CapturedResponse {
  status: number
  headers: OutgoingHttpHeaders
  body: Buffer
  cacheControl: unknown
}
/** Node's own writeHead and end of a response, from before anything wrapped them. */
export interface RawResponse {
  writeHead(this: ServerResponse, statusCode: number, headers?: OutgoingHttpHeaders): ServerResponse
  end(this: ServerResponse, chunk?: Buffer): ServerResponse
}
export interface PageCacheLayer {
  answer(req: IncomingMessage, res: ServerResponse): Promise<{ key?: string } | null>
  keep(req: IncomingMessage, res: ServerResponse, key: string, originalCacheControl: () => unknown): void
}

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)
const gunzip = promisify(zlib.gunzip)
const unbrotli = promisify(zlib.brotliDecompress)
const inflate = promisify(zlib.inflate)

/** Request headers that make Next answer with something else than the page (RSC payloads, actions). */
const NEXT_VARIANT_HEADERS = [
  'rsc',
  'next-router-prefetch',
  'next-router-state-tree',
  'next-router-segment-prefetch',
  'next-action',
  'next-url',
  'authorization',
  'range',
]
/** Paths that are never pages: assets Next serves itself, APIs, the admin area and sign-in. */
const NEVER = /^\/(?:_next|api|admin|login)(?:\/|$)/
/** Where Next keeps the site's not-found page, rendered whole (the answer to an unmatched address). */
export const NOT_FOUND_PATH = '/_not-found'
/**
 * The document Next 16.3+ sends when a page calls notFound() (vercel/next.js#62228): an empty body, the
 * not-found page only in its script payload — blank without JavaScript, and in plain reader pages.
 */
const NEXT_ERROR_SHELL = /^\s*<!DOCTYPE html>\s*<html id="__next_error__"/i
/** Next's verdict on a response it served from or into its cache (STALE: served old while it re-renders). */
const FRESH = new Set(['HIT', 'MISS', 'REVALIDATED'])
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:xml|json|javascript)\b|image\/svg\+xml)/
/**
 * Query parameters that only say where a reader came from: links in mails, ads and social posts carry a new
 * value each. No page of Daisy reads them, so they are no part of the key (the page is the same).
 */
const TRACKING =
  /^(?:utm(?:_\w+)?|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|li_fat_id|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|rb_clickid|s_cid|si|ref|ref_src|ref_url|source)$/i
/** Distinct query strings kept for one path; more (made-up ones) are answered by Next without being kept. */
const MAX_VARIANTS_PER_PATH = 4
/** The share of memory for pages read more than once; one-off addresses churn only the rest. */
const PROTECTED_SHARE = 0.8
/** Reads before a page is worth brotli at its best setting (a few hundred ms for a long page). */
const BROTLI_AFTER_HITS = 3
/** CPU time for brotli, by default: earned at this many ms per second, saved up to a burst of this many ms. */
const BROTLI_BUDGET = { msPerSecond: 100, burstMs: 3_000 }
/** Not replayed from the cache: they describe one connection or one send. */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'date',
  'x-daisy-cache',
  'x-next-cache-tags',
])

export class PageCache {
  readonly maxBytes: number
  readonly maxEntryBytes: number
  readonly hitLifetime: number
  readonly now: () => number
  /**
   * Pages read once since they were stored (probation) and pages read again (protected), each in least-recently
   * used order (a segmented LRU): a flood of one-off addresses evicts only other one-offs, never the pages
   * readers keep coming back to.
   */
  readonly probation = new Map<string, Entry>()
  readonly protected = new Map<string, Entry>()
  bytes = 0
  protectedBytes = 0
  /** Bumped by every expiry: a response rendered before it must not be stored after it. */
  generation = 0
  /** Entries with a query string, by path. */
  readonly #variants = new Map<string, number>()
  #brotliRunning = false
  readonly brotliBudget: { msPerSecond: number; burstMs: number }
  readonly rewriteHtml: ((html: string, key: string) => string | null) | null
  #brotliBudgetMs: number
  #brotliBudgetAt: number

  /**
   * `maxBytes`: memory for all entries with their compressed forms (0: no caching); `maxEntryBytes`: larger
   * responses are not kept; `hitLifetime`: seconds a response Next served from its own cache is kept (its age
   * is unknown); `brotliBudget`: the CPU time brotli may take.
   */
  constructor({
    maxBytes,
    maxEntryBytes = 4 * 1024 * 1024,
    hitLifetime = 10,
    now = Date.now,
    brotliBudget = BROTLI_BUDGET,
    rewriteHtml = null,
  }: {
    maxBytes: number
    maxEntryBytes?: number
    hitLifetime?: number
    now?: () => number
    brotliBudget?: { msPerSecond: number; burstMs: number }
    /** Rewrites an HTML page once as it is stored (null: keep it as Next made it). */
    rewriteHtml?: ((html: string, key: string) => string | null) | null
  }) {
    this.maxBytes = maxBytes
    this.maxEntryBytes = Math.min(maxEntryBytes, maxBytes)
    this.hitLifetime = hitLifetime
    this.now = now
    this.brotliBudget = brotliBudget
    this.rewriteHtml = rewriteHtml
    this.#brotliBudgetMs = brotliBudget.burstMs
    this.#brotliBudgetAt = now()
  }

  get size(): number {
    return this.probation.size + this.protected.size
  }

  /** An entry without touching its place or its count (tests, tools). */
  peek(key: string): Entry | undefined {
    return this.protected.get(key) ?? this.probation.get(key)
  }

  /** The key a request is cached under, or null when it must go to Next. */
  keyOf(req: IncomingMessage): string | null {
    if (this.maxBytes <= 0 || (req.method !== 'GET' && req.method !== 'HEAD')) return null
    const url = req.url ?? '/'
    if (url.length > 2048 || NEVER.test(url) || url.includes('_rsc=')) return null
    const headers = req.headers
    if (NEXT_VARIANT_HEADERS.some((name) => headers[name] !== undefined)) return null
    if (headers.cookie && PERSONAL_COOKIE.test(headers.cookie)) return null
    return `${String(headers.host ?? '').slice(0, 255)} ${normalizedUrl(url)}`
  }

  /** A live entry, or undefined (an expired one is dropped). */
  get(key: string): Entry | undefined {
    const entry = this.peek(key)
    if (!entry) return undefined
    if (entry.expiresAt <= this.now()) {
      this.#drop(key)
      return undefined
    }
    entry.hits++
    // Read again: to the protected part's most recent end (from probation on its second read).
    if (this.probation.delete(key)) this.protectedBytes += entry.bytes
    else this.protected.delete(key)
    this.protected.set(key, entry)
    this.#evict()
    if (entry.gzip && !entry.brPending && entry.hits >= BROTLI_AFTER_HITS) this.#brotliLater(key, entry)
    return entry
  }

  /** Forgets everything. */
  clear(): void {
    this.generation++
    this.probation.clear()
    this.protected.clear()
    this.#variants.clear()
    this.bytes = 0
    this.protectedBytes = 0
  }

  /**
   * A cache tag expired: the pages Next tagged with it go (and those Next named no tags for), the rest stay.
   * A response being rendered as it happens is not stored (it may have read the old data).
   */
  expireTag(tag: string): void {
    this.generation++
    for (const segment of [this.probation, this.protected])
      for (const [key, entry] of segment) if (!entry.tags || entry.tags.has(tag)) this.#drop(key)
  }

  /**
   * Keeps a response Next finished, when Next marked it shareable and fresh. `generation` is the cache's
   * generation when the request came in. Resolves to the entry, or null when it is not kept.
   */
  async store(
    key: string,
    generation: number,
    { status, headers, body, cacheControl }: CapturedResponse,
    cacheTags: ReadonlySet<string> | null = null,
  ): Promise<Entry | null> {
    const lifetime = this.#lifetime(status, headers, cacheControl)
    if (lifetime <= 0) return null
    // Decided before any work on the body: a made-up query string beyond the path's few is not kept.
    const variantOf = variantPath(key)
    if (variantOf && (this.#variants.get(variantOf) ?? 0) >= MAX_VARIANTS_PER_PATH && !this.peek(key)) return null
    const encoding = String(headers['content-encoding'] ?? 'identity').toLowerCase()
    let identity: Buffer | null
    try {
      identity = await decode(body, encoding)
    } catch {
      return null
    }
    if (identity === null || identity.length > this.maxEntryBytes) return null
    // Only a whole not-found page is kept; the empty shell is answered with it instead (pageCacheLayer).
    if (status === 404 && isErrorShell(identity)) return null
    const kept: OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(headers)) if (!HOP_HEADERS.has(name)) kept[name] = value
    if (this.rewriteHtml && /^text\/html\b/i.test(String(kept['content-type'] ?? ''))) {
      const rewritten = this.rewriteHtml(identity.toString('utf8'), key)
      if (rewritten !== null) {
        identity = Buffer.from(rewritten)
        // Other bytes, another validator: a browser holding Next's page must not be told it is this one.
        kept.etag = `"${createHash('sha1').update(identity).digest('base64url')}"`
      }
    }
    const entry: Entry = {
      status,
      headers: kept,
      identity,
      gzip: null,
      br: null,
      etag: typeof kept.etag === 'string' ? kept.etag : null,
      brPending: false,
      expiresAt: this.now() + lifetime * 1000,
      bytes: identity.length,
      tags: cacheTags,
      hits: 0,
      variantOf,
    }
    if (identity.length >= 1024 && COMPRESSIBLE.test(String(kept['content-type'] ?? ''))) {
      entry.gzip = await gzip(identity, { level: 9 })
      entry.bytes += entry.gzip.length
      if (!addVary(kept)) return null
    }
    if (generation !== this.generation) return null
    this.#put(key, entry)
    return entry
  }

  /**
   * Brotli at its best setting takes a few hundred ms for a long page, so only a page readers keep asking for
   * earns it (BROTLI_AFTER_HITS reads), one page at a time, off the event loop, and within a CPU budget: a
   * flood of made-up addresses costs no brotli at all, and a burst of popular pages no more than a tenth of a
   * core. Readers get gzip until it is ready (a page turned down now is asked again at its next read).
   */
  #brotliLater(key: string, entry: Entry): void {
    const now = this.now()
    const { msPerSecond, burstMs } = this.brotliBudget
    this.#brotliBudgetMs = Math.min(burstMs, this.#brotliBudgetMs + ((now - this.#brotliBudgetAt) * msPerSecond) / 1000)
    this.#brotliBudgetAt = now
    if (this.#brotliRunning || this.#brotliBudgetMs <= 0) return
    this.#brotliRunning = true
    entry.brPending = true
    const started = performance.now()
    brotli(entry.identity, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.identity.length,
      },
    })
      .then((br) => {
        if (this.peek(key) !== entry) return
        entry.br = br
        entry.bytes += br.length
        this.bytes += br.length
        if (this.protected.has(key)) this.protectedBytes += br.length
        this.#evict()
      })
      .catch(() => undefined)
      .finally(() => {
        this.#brotliBudgetMs -= performance.now() - started
        this.#brotliRunning = false
      })
  }

  /** Seconds to keep a response for; 0 when it must not be kept. */
  #lifetime(status: number, headers: OutgoingHttpHeaders, cacheControl: unknown): number {
    if ((status !== 200 && status !== 404) || headers['set-cookie'] !== undefined) return 0
    const verdict = String(headers['x-nextjs-cache'] ?? '').toUpperCase()
    if (!FRESH.has(verdict)) return 0
    const value = String(cacheControl ?? '')
    if (/\b(?:private|no-store|no-cache)\b/i.test(value)) return 0
    const sMaxAge = /\bs-maxage=(\d+)/i.exec(value)
    if (!sMaxAge) return 0
    const seconds = Number(sMaxAge[1])
    // A fresh render's s-maxage is its whole life (until the next scheduled post, say); a page Next had kept
    // may be near the end of it, so it is asked again after a few seconds (cheap: Next sends its copy).
    return verdict === 'HIT' ? Math.min(seconds, this.hitLifetime) : seconds
  }

  #put(key: string, entry: Entry): void {
    this.#drop(key)
    this.probation.set(key, entry)
    this.bytes += entry.bytes
    if (entry.variantOf) this.#variants.set(entry.variantOf, (this.#variants.get(entry.variantOf) ?? 0) + 1)
    this.#evict()
  }

  /** Protected pages beyond their share go back to probation; then the least recently used one-offs go. */
  #evict(): void {
    for (const [key, entry] of this.protected) {
      if (this.protectedBytes <= this.maxBytes * PROTECTED_SHARE) break
      this.protected.delete(key)
      this.protectedBytes -= entry.bytes
      this.probation.set(key, entry)
    }
    for (const segment of [this.probation, this.protected])
      for (const key of segment.keys()) {
        if (this.bytes <= this.maxBytes) return
        this.#drop(key)
      }
  }

  #drop(key: string): void {
    const entry = this.peek(key)
    if (!entry) return
    if (this.protected.delete(key)) this.protectedBytes -= entry.bytes
    else this.probation.delete(key)
    this.bytes -= entry.bytes
    if (entry.variantOf) {
      const left = (this.#variants.get(entry.variantOf) ?? 1) - 1
      if (left > 0) this.#variants.set(entry.variantOf, left)
      else this.#variants.delete(entry.variantOf)
    }
  }
}

/** The URL as the cache keys it: tracking parameters dropped, the rest sorted (`?b&a` and `?a&b` are one). */
export function normalizedUrl(url: string): string {
  const at = url.indexOf('?')
  if (at < 0) return url
  const params = new URLSearchParams(url.slice(at + 1))
  const kept = [...params].filter(([name]) => !TRACKING.test(name))
  if (kept.length === 0) return url.slice(0, at)
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `${url.slice(0, at)}?${new URLSearchParams(kept)}`
}

/** For a key with a query string, its host and path; null for a plain path. */
function variantPath(key: string): string | null {
  const at = key.indexOf('?')
  return at < 0 ? null : key.slice(0, at)
}

async function decode(body: Buffer, encoding: string): Promise<Buffer | null> {
  if (encoding === 'identity') return body
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzip(body)
  if (encoding === 'br') return unbrotli(body)
  if (encoding === 'deflate') return inflate(body)
  return null
}

function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?', 1)[0] ?? '/'
}

function isErrorShell(identity: Buffer): boolean {
  return NEXT_ERROR_SHELL.test(identity.subarray(0, 200).toString('latin1'))
}

/** Whether Next answered a reader address with its empty not-found shell (see NEXT_ERROR_SHELL). */
async function answeredWithErrorShell({ status, headers, body }: CapturedResponse): Promise<boolean> {
  if (status !== 404 || !/^text\/html\b/i.test(String(headers['content-type'] ?? ''))) return false
  const identity = await decode(body, String(headers['content-encoding'] ?? 'identity').toLowerCase()).catch(() => null)
  return identity !== null && isErrorShell(identity)
}

/** Makes sure `Vary` names Accept-Encoding (false when the response varies on everything: not kept). */
function addVary(headers: OutgoingHttpHeaders): boolean {
  const vary = String(headers.vary ?? '')
  if (vary.trim() === '*') return false
  if (!/\baccept-encoding\b/i.test(vary)) headers.vary = vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding'
  return true
}

/** The encoding to send: brotli, then gzip, when the client takes it (q > 0) and the entry has it. */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  entry: Pick<Entry, 'gzip' | 'br'>,
): 'br' | 'gzip' | 'identity' {
  if (!entry.gzip || !acceptEncoding) return 'identity'
  const accepted = new Map<string, number>()
  for (const part of String(acceptEncoding).toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean)
    accepted.set((name ?? '').trim(), q ? Number(q[1]) : 1)
  }
  const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  if (entry.br && takes('br')) return 'br'
  if (takes('gzip') || takes('x-gzip')) return 'gzip'
  return 'identity'
}

/** Whether an If-None-Match header matches the entry's ETag (weak comparison, as for GET). */
function notModified(ifNoneMatch: string | undefined, etag: string | null): boolean {
  if (!ifNoneMatch || !etag) return false
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag))
}

/**
 * Sends an entry: the best encoding the client takes, a 304 for a matching ETag, headers only for HEAD.
 * `raw` is Node's own writeHead/end for `res` (a compression wrapper installed by Next must not run again).
 */
export function sendEntry(
  req: IncomingMessage,
  res: ServerResponse,
  entry: Entry,
  state: 'HIT' | 'MISS' = 'HIT',
  raw: RawResponse = res,
): void {
  if (entry.status === 200 && notModified(req.headers['if-none-match'], entry.etag)) {
    const headers: OutgoingHttpHeaders = { 'x-daisy-cache': state }
    for (const name of ['etag', 'cache-control', 'vary', 'expires', 'content-location'])
      if (entry.headers[name] !== undefined) headers[name] = entry.headers[name]
    raw.writeHead.call(res, 304, headers)
    raw.end.call(res)
    return
  }
  const encoding = chooseEncoding(req.headers['accept-encoding'], entry)
  const body = (encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : null) ?? entry.identity
  const headers: OutgoingHttpHeaders = { ...entry.headers, 'content-length': body.length, 'x-daisy-cache': state }
  if (encoding !== 'identity') headers['content-encoding'] = encoding
  raw.writeHead.call(res, entry.status, headers)
  raw.end.call(res, req.method === 'HEAD' ? undefined : body)
}

/** Sends a response Next finished that the cache did not keep, as Next would have sent it. */
export function sendCaptured(
  req: IncomingMessage,
  res: ServerResponse,
  { status, headers, body }: CapturedResponse,
  raw: RawResponse = res,
): void {
  const kept: OutgoingHttpHeaders = { ...headers, 'x-daisy-cache': 'MISS' }
  delete kept['transfer-encoding']
  kept['content-length'] = body.length
  raw.writeHead.call(res, status, kept)
  raw.end.call(res, req.method === 'HEAD' ? undefined : body)
}

/**
 * Lets Next answer `req` while keeping a copy of what it sends. A response Next marks shareable is held back
 * and given to `onComplete({ status, headers, body, cacheControl }, raw)`, which must send it with `raw`
 * (Node's own writeHead and end; the caller stores it and sends the stored entry, compressed for this client);
 * any other response streams through untouched (and `onPass` is told as soon as that is known). The wrappers
 * stay in place either way: Next's compression middleware wraps them in turn, and must keep reaching the socket
 * through them.
 * `originalCacheControl()` gives Next's own Cache-Control before the front door rewrote it for shared caches.
 */
export function captureResponse(
  res: ServerResponse,
  {
    originalCacheControl,
    onComplete,
    onPass = () => {},
  }: {
    originalCacheControl: () => unknown
    onComplete: (response: CapturedResponse, raw: RawResponse) => void | Promise<void>
    onPass?: () => void
  },
): void {
  const raw = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders }
  // Node's methods are overloaded; the wrappers below take their arguments as they come and pass them on.
  type Loose = (this: ServerResponse, ...args: unknown[]) => unknown
  const pass = (method: unknown, self: ServerResponse, args: unknown[]) => (method as Loose).apply(self, args)
  const wrapped = res as unknown as Record<'writeHead' | 'write' | 'end' | 'flushHeaders', Loose>
  let mode: 'undecided' | 'hold' | 'pass' | 'done' = 'undecided'
  const chunks: Buffer[] = []
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null) return
    if (Buffer.isBuffer(chunk)) chunks.push(chunk)
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk))
    else chunks.push(Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'))
  }

  const decide = () => {
    if (mode !== 'undecided') return mode
    const cacheControl = originalCacheControl()
    const shareable =
      (res.statusCode === 200 || res.statusCode === 404) &&
      /\bs-maxage=\d+/i.test(String(cacheControl ?? '')) &&
      res.getHeader('set-cookie') === undefined
    mode = shareable ? 'hold' : 'pass'
    if (mode === 'pass') onPass()
    return mode
  }

  wrapped.writeHead = function (...args) {
    if (mode === 'pass') return pass(raw.writeHead, this, args)
    if (mode === 'done') return this
    const [statusCode, second, third] = args as [number, unknown, unknown]
    const reason = typeof second === 'string' ? second : undefined
    const headers = typeof second === 'string' ? third : second
    if (Array.isArray(headers))
      for (let i = 0; i + 1 < headers.length; i += 2) this.setHeader(String(headers[i]), headers[i + 1])
    else if (headers && typeof headers === 'object')
      for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders))
        if (value !== undefined) this.setHeader(name, value as OutgoingHttpHeader)
    this.statusCode = statusCode
    return decide() === 'pass'
      ? pass(raw.writeHead, this, reason === undefined ? [statusCode] : [statusCode, reason])
      : this
  }
  wrapped.flushHeaders = function () {
    decide()
    if (mode === 'pass') raw.flushHeaders.call(this)
  }
  wrapped.write = function (...args) {
    if (mode === 'undecided') this.writeHead(this.statusCode)
    if (mode === 'pass') return pass(raw.write, this, args)
    const [chunk, encoding, callback] = args
    const done = typeof encoding === 'function' ? encoding : callback
    if (mode === 'hold') collect(chunk, encoding)
    if (typeof done === 'function') process.nextTick(done as () => void)
    return true
  }
  wrapped.end = function (...args) {
    if (mode === 'undecided') this.writeHead(this.statusCode)
    if (mode === 'pass') return pass(raw.end, this, args)
    if (mode === 'done') return this
    // end(callback), end(chunk, callback) or end(chunk, encoding, callback)
    const [first, second, third] = args
    const chunk = typeof first === 'function' ? undefined : first
    const encoding = typeof second === 'function' ? undefined : second
    const callback = [first, second, third].find((arg) => typeof arg === 'function')
    collect(chunk, encoding)
    if (typeof callback === 'function') res.once('finish', callback as () => void)
    mode = 'done'
    const response: CapturedResponse = {
      status: res.statusCode,
      headers: res.getHeaders(),
      body: Buffer.concat(chunks),
      cacheControl: originalCacheControl(),
    }
    // Nothing was sent yet: whoever answers from `response` starts from a clean slate of headers.
    for (const name of res.getHeaderNames()) res.removeHeader(name)
    void onComplete(response, raw)
    return this
  }
}

/**
 * The page cache in front of a request handler (server/main.ts puts it in front of Next). For each request:
 * `await layer.answer(req, res)` sends the page from the cache and returns null, or returns what to do next:
 * `{ key }` when the request may be cached (call `layer.keep(req, res, key, originalCacheControl)` before
 * handing it to Next), `{}` when it must simply go to Next.
 */
export function pageCacheLayer(
  cache: PageCache,
  {
    cacheTagsOfRequest = () => null,
    notFoundPage = null,
  }: {
    /** The cache tags of what Next read or stored for the request being answered (route-cache-handler.ts). */
    cacheTagsOfRequest?: () => ReadonlySet<string> | null
    /**
     * The site's whole not-found page (NOT_FOUND_PATH) for this request's host, as an entry of this cache:
     * what a reader gets instead of the empty shell Next sends when a page calls notFound().
     */
    notFoundPage?: ((req: IncomingMessage) => Promise<Entry | null>) | null
  } = {},
): PageCacheLayer {
  /** Pages being fetched from Next into the cache, by key: what concurrent requests for them wait for. */
  const fills = new Map<string, Promise<Entry | null>>()
  return {
    async answer(req, res) {
      const key = cache.keyOf(req)
      if (!key) return {}
      const cached = cache.get(key)
      if (cached) {
        sendEntry(req, res, cached)
        return null
      }
      // Another request is already asking Next for this page: wait for it rather than render it once more each
      // (fifty readers arriving as an entry expires would otherwise make fifty renders at once).
      const filling = fills.get(key)
      if (filling) {
        const entry = await filling
        if (entry) {
          sendEntry(req, res, entry)
          return null
        }
      }
      return req.method === 'GET' ? { key } : {}
    },
    /**
     * A page not in the cache yet: Next renders it (or reads its own cache), the response is kept when Next
     * marks it shareable, and this reader gets the kept entry, compressed for them. A conditional request is
     * asked unconditionally, so there is a whole page to keep; the entry answers the condition.
     */
    keep(req, res, key, originalCacheControl) {
      // The reader left while the request waited its turn (the front door's awaits): its 'close' has been and
      // gone, and what Next does on a closed socket may never end (its static-file server writes nothing). A
      // fill nobody settles would hold every later request for this page, so there is none.
      if (res.closed || res.destroyed || req.socket?.destroyed) return
      const generation = cache.generation
      const { promise: fill, resolve: settle } = Promise.withResolvers<Entry | null>()
      fills.set(key, fill)
      // The first call settles the fill (a promise settles once); it leaves the map only if still its own.
      const done = (entry: Entry | null) => {
        if (fills.get(key) === fill) fills.delete(key)
        settle(entry)
      }
      // A response Next does not mark shareable (or a reader who leaves) ends the wait with nothing to share.
      res.once('close', () => done(null))
      const conditions: Record<string, string | undefined> = {
        'if-none-match': req.headers['if-none-match'],
        'if-modified-since': req.headers['if-modified-since'],
      }
      delete req.headers['if-none-match']
      delete req.headers['if-modified-since']
      captureResponse(res, {
        originalCacheControl,
        onPass: () => done(null),
        onComplete: async (response, raw) => {
          for (const [name, value] of Object.entries(conditions)) if (value !== undefined) req.headers[name] = value
          const entry = await cache.store(key, generation, response, cacheTagsOfRequest()).catch((error) => {
            console.error('daisy: page cache', error)
            return null
          })
          done(entry)
          if (entry) return sendEntry(req, res, entry, 'MISS', raw)
          const page =
            notFoundPage && pathOf(req.url) !== NOT_FOUND_PATH && (await answeredWithErrorShell(response))
              ? await notFoundPage(req).catch(() => null)
              : null
          if (page) sendEntry(req, res, page, 'MISS', raw)
          else sendCaptured(req, res, response, raw)
        },
      })
    },
  }
}
