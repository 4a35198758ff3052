// The fediverse's door: WebFinger, NodeInfo, the blog's actor, inbox and collections, and posts asked for as
// ActivityPub. The front door (server/main.ts) sends those requests here under /ap (lib/federation/paths.ts),
// before the page cache; this hands each to the federation library at the address it was asked at.
import { federation as federationAt } from '@/lib/federation/federation'
import { getSettings, siteUrlOf } from '@/lib/settings/queries'
import { FEDERATION_ROUTE } from '@/lib/federation/paths'
import { BodyTooLarge, readBody } from '@/lib/http/read-body'
import { refusedDelivery } from '@/lib/federation/inbox-gate'
import { getFederatedPostJson } from '@/lib/federation/post-read'

/** An activity is a few KB; Mastodon caps what it accepts at 1 MB too. */
const MAX_ACTIVITY_BYTES = 1024 * 1024

async function handle(request: Request): Promise<Response> {
  const asked = new URL(request.url)
  if (!asked.pathname.startsWith(`${FEDERATION_ROUTE}/`)) return new Response('Not found', { status: 404 })
  // At the site's own address (https behind a proxy that ends TLS): what a signature over the target URI covers.
  const settings = await getSettings()
  const url = new URL(asked.pathname.slice(FEDERATION_ROUTE.length) + asked.search, siteUrlOf(settings))
  let body: string | undefined
  if (request.method === 'POST') {
    try {
      body = await readBody(request, MAX_ACTIVITY_BYTES)
    } catch (error) {
      if (error instanceof BodyTooLarge) return new Response('Payload too large', { status: 413 })
      throw error
    }
  }
  // A blocked sender is turned away before its signature costs a key fetch (lib/federation/inbox-gate.ts).
  if (body !== undefined && url.pathname.endsWith('/inbox') && (await refusedDelivery(body, request.headers)))
    return Response.json({ error: 'This server does not accept deliveries from you.' }, { status: 403 })
  const response =
    (!settings.fediverseSecureFetch && (await cachedPostObject(request.method, url.pathname))) ||
    (await answer(request, url, body))
  // A post's address answers pages and ActivityPub: shared caches must keep the two apart.
  const headers = new Headers(response.headers)
  headers.append('vary', 'Accept')
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store')
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

const POST_OBJECT = /^\/posts\/([^/]+)$/

/**
 * A post asked for as ActivityPub while secure fetch is off (the caller checks): the same bytes for every server,
 * from the cache (lib/federation/post-read.ts), as the library would answer them. Null: the library answers (a
 * post it does not know, any other address).
 */
async function cachedPostObject(method: string, path: string): Promise<Response | null> {
  const slug = (method === 'GET' || method === 'HEAD') && POST_OBJECT.exec(path)?.[1]
  if (!slug) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(slug)
  } catch {
    return null
  }
  const json = decoded.length <= 200 ? await postJsonOnce(decoded) : null
  if (json === null) return null
  return new Response(method === 'HEAD' ? null : json, {
    headers: { 'content-type': 'application/activity+json', vary: 'Accept' },
  })
}

/**
 * One making of a post's JSON at a time per post: a new post's first fetches come all at once (a thousand servers
 * within two seconds), and each would otherwise miss the cache and make it again before the first had stored it.
 */
const making = new Map<string, Promise<string | null>>()
function postJsonOnce(slug: string): Promise<string | null> {
  let made = making.get(slug)
  if (!made) {
    made = getFederatedPostJson(slug).finally(() => making.delete(slug))
    making.set(slug, made)
  }
  return made
}

async function answer(request: Request, url: URL, body: string | undefined): Promise<Response> {
  const federation = federationAt(url.href)
  return federation.fetch(new Request(url, { method: request.method, headers: request.headers, body }), {
    contextData: undefined,
    // A browser asking for the actor gets the blog's home page.
    onNotAcceptable: async () =>
      url.pathname.startsWith('/fediverse/')
        ? Response.redirect(new URL('/', url), 303)
        : new Response('Not acceptable', { status: 406, headers: { vary: 'Accept' } }),
    onNotFound: async () => new Response('Not found', { status: 404 }),
  })
}

export const GET = handle
export const HEAD = handle
export const POST = handle
