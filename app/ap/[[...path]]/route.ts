// The fediverse's door: WebFinger, NodeInfo, the blog's actor, inbox and collections, and posts asked for as
// ActivityPub. The front door (server/main.ts) sends those requests here under /ap (lib/federation/paths.ts),
// before the page cache; this hands each to the federation library at the address it was asked at.
import { federation as federationAt } from '@/lib/federation/federation'
import { getAllSettings, siteUrlOf } from '@/lib/settings/queries'
import { FEDERATION_ROUTE } from '@/lib/federation/paths'
import { BodyTooLarge, readBody } from '@/lib/http/read-body'
import { refusedDelivery } from '@/lib/federation/inbox-gate'

/** An activity is a few KB; Mastodon caps what it accepts at 1 MB too. */
const MAX_ACTIVITY_BYTES = 1024 * 1024

async function handle(request: Request): Promise<Response> {
  const asked = new URL(request.url)
  if (!asked.pathname.startsWith(`${FEDERATION_ROUTE}/`)) return new Response('Not found', { status: 404 })
  // At the site's own address (https behind a proxy that ends TLS): what a signature over the target URI covers.
  const url = new URL(asked.pathname.slice(FEDERATION_ROUTE.length) + asked.search, siteUrlOf(await getAllSettings()))
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
  const federation = federationAt(url.href)
  const response = await federation.fetch(
    new Request(url, { method: request.method, headers: request.headers, body }),
    {
      contextData: undefined,
      // A browser asking for the actor gets the blog's home page.
      onNotAcceptable: async () =>
        url.pathname.startsWith('/fediverse/')
          ? Response.redirect(new URL('/', url), 303)
          : new Response('Not acceptable', { status: 406, headers: { vary: 'Accept' } }),
      onNotFound: async () => new Response('Not found', { status: 404 }),
    },
  )
  // A post's address answers pages and ActivityPub: shared caches must keep the two apart.
  const headers = new Headers(response.headers)
  headers.append('vary', 'Accept')
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store')
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

export const GET = handle
export const HEAD = handle
export const POST = handle
