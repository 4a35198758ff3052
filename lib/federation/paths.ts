// Where the blog's fediverse account lives. Kept free of imports: the front door (server/main.ts) reads it to
// send these requests to the federation route, before the page cache.

/** The blog's own actor (an author's would be their user id). */
export const BLOG_ACTOR = 'blog'
/**
 * The server's own actor (an Application, as Mastodon's instance actor): it signs the blog's fetches, and is
 * served to anyone even with secure fetch on — so a server that checks a signature can always get its key.
 */
export const INSTANCE_ACTOR = 'instance'

export const PATHS = {
  actor: '/fediverse/{identifier}',
  inbox: '/fediverse/{identifier}/inbox',
  sharedInbox: '/fediverse/inbox',
  outbox: '/fediverse/{identifier}/outbox',
  followers: '/fediverse/{identifier}/followers',
  following: '/fediverse/{identifier}/following',
  /** The author's answers to fediverse replies, as Notes. */
  note: '/fediverse/notes/{id}',
  /** The author's approval of a quote of a post (FEP-044f QuoteAuthorization), by the quote's comment id. */
  quoteAuthorization: '/fediverse/quotes/{id}',
  post: '/posts/{slug}',
  nodeInfo: '/nodeinfo/2.1',
} as const

/** Where the front door sends what the federation answers (app/ap/[[...path]]/route.ts strips it again). */
export const FEDERATION_ROUTE = '/ap'

const ACTIVITY_TYPES = ['application/activity+json', 'application/ld+json']

/**
 * Whether an Accept header asks for ActivityPub rather than a page: an ActivityPub type is preferred to HTML
 * (Mastodon sends only ActivityPub types; browsers list text/html first; a tie is a page).
 */
export function wantsActivity(accept: string | undefined): boolean {
  if (!accept || accept.length > 1024) return false
  let activity = 0
  let html = 0
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    const q = params.find((p) => p.startsWith('q='))
    const weight = q ? Number(q.slice(2)) : 1
    if (!Number.isFinite(weight)) continue
    if (ACTIVITY_TYPES.includes(type)) activity = Math.max(activity, weight)
    else if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, weight)
  }
  return activity > html
}

/** Whether the front door sends a request to the federation route, and as which path. */
export function federationPath(
  method: string | undefined,
  url: string | undefined,
  accept: string | undefined,
): string | null {
  const path = (url ?? '/').split('?', 1)[0] ?? '/'
  if (
    path === '/.well-known/webfinger' ||
    path === '/.well-known/nodeinfo' ||
    path === PATHS.nodeInfo ||
    path === '/fediverse' ||
    path.startsWith('/fediverse/')
  )
    return `${FEDERATION_ROUTE}${url}`
  // A post asked for as ActivityPub: the same URL a browser reads it at.
  if ((method === 'GET' || method === 'HEAD') && /^\/posts\/[^/]+$/.test(path) && wantsActivity(accept))
    return `${FEDERATION_ROUTE}${url}`
  return null
}
