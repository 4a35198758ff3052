// After the blog moves to a new address (Settings → This blog has moved to, or the account's move in Admin →
// Fediverse), its reader pages and feeds here answer 301 to the same path there, before the page cache, as
// WordPress's and Ghost's guides set up with a server rewrite. What must keep answering here stays: the admin and
// sign-in, the fediverse account (WebFinger, the actor that says movedTo, its inbox and objects), the protocol
// endpoints, uploaded media (linked from other sites and old posts) and links from emails already sent.
import type { IncomingMessage, ServerResponse } from 'node:http'

const STAYS = [
  /^\/admin(?:[/?]|$)/,
  /^\/login(?:[/?]|$)/,
  /^\/api\//,
  /^\/_next\//,
  /^\/media\//,
  /^\/fediverse(?:[/?]|$)/,
  /^\/ap(?:[/?]|$)/,
  /^\/\.well-known\//,
  /^\/nodeinfo\//,
  /^\/xmlrpc(?:[/?]|$)/,
  /^\/webmention(?:[/?]|$)/,
  /^\/trackback\//,
  /^\/moderate(?:[/?]|$)/,
  /^\/subscriptions(?:[/?]|$)/,
]

/**
 * Where a request goes when the blog has moved to `target` (an absolute URL without a trailing slash), or null
 * when it stays: only GET and HEAD of a reader address, and never for the new address itself (one server may
 * answer both names; `host` is the name this request was sent to).
 */
export function movedLocation(
  method: string | undefined,
  url: string | undefined,
  host: string | undefined,
  target: string,
): string | null {
  if (!url || !movesWithBlog(method, url)) return null
  const to = URL.parse(target)
  if (!to) return null
  if (host && host.toLowerCase() === to.host && `${url}/`.startsWith(`${to.pathname.replace(/\/$/, '')}/`)) return null
  return `${target}${url}`
}

/** Whether a request is for one of the blog's reader addresses, which follow it when it moves. */
function movesWithBlog(method: string | undefined, url: string): boolean {
  return (
    (method === 'GET' || method === 'HEAD') &&
    url.startsWith('/') &&
    !url.startsWith('//') &&
    !STAYS.some((path) => path.test(url))
  )
}

/**
 * The moved-to address as the app has it, read through `load` when first needed and again after the settings
 * change (`forget`, called when their cache tag expires, on this node or another). A failed read is tried again
 * after a few seconds; until then pages are served here.
 */
export class SiteMove {
  #target: string | null | undefined
  #loading: Promise<string | null> | null = null
  #generation = 0
  #retryAt = 0
  readonly #load: () => Promise<string | null>

  constructor(load: () => Promise<string | null>) {
    this.#load = load
  }

  forget(): void {
    this.#generation += 1
    this.#target = undefined
    this.#loading = null
  }

  /** Answers 301 when the blog has moved and this request is for one of its reader addresses. */
  async redirect(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    // Only then is the address read (its own request, /api/site-move, stays: it never waits on itself).
    if (this.#target === null || !req.url || !movesWithBlog(req.method, req.url)) return false
    const target = this.#target ?? (await this.#read())
    const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '')
      .split(',')[0]!
      .trim()
    const location = target && movedLocation(req.method, req.url, host, target)
    if (!location) return false
    res.writeHead(301, {
      location,
      // Permanent, but not forever in browsers: a move taken back is seen within the hour.
      'cache-control': 'public, max-age=3600',
      // A post's address also answers ActivityPub, which stays here: a shared cache must keep the two apart.
      vary: 'Accept',
      'content-type': 'text/plain; charset=utf-8',
    })
    res.end(req.method === 'HEAD' ? undefined : `This blog has moved to ${location}\n`)
    return true
  }

  #read(): Promise<string | null> {
    if (Date.now() < this.#retryAt) return Promise.resolve(null)
    if (this.#loading) return this.#loading
    const generation = this.#generation
    const loading = this.#load().then(
      (target) => {
        if (generation === this.#generation) {
          this.#target = target
          this.#loading = null
        }
        return target
      },
      (error: unknown) => {
        console.warn(
          `daisy: could not read where the blog has moved: ${error instanceof Error ? error.message : error}`,
        )
        if (generation === this.#generation) {
          this.#retryAt = Date.now() + 5000
          this.#loading = null
        }
        return null
      },
    )
    this.#loading = loading
    return loading
  }
}
