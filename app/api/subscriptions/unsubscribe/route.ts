// The address in every subscription mail's List-Unsubscribe header (RFC 8058). A mail program's one-click POST
// (body List-Unsubscribe=One-Click) ends the subscription without a session or a page; a GET — a person or a
// scanner opening the address — only leads to the page that asks first.
import { BodyTooLarge, readBody } from '@/lib/http/read-body'
import { endSubscription, readUnsubscribeToken } from '@/lib/comments/subscriptions'

const noStore = { 'cache-control': 'no-store' }

export async function POST(request: Request) {
  const url = new URL(request.url)
  const token = url.searchParams.get('t')
  const id = readUnsubscribeToken(token)
  if (!id) return new Response('This unsubscribe link is not valid.\n', { status: 400, headers: noStore })
  let body: URLSearchParams
  try {
    body = new URLSearchParams(await readBody(request, 4 * 1024))
  } catch (error) {
    if (error instanceof BodyTooLarge) return new Response('Request too large.\n', { status: 413, headers: noStore })
    throw error
  }
  // Ending one that is already gone is still a success: the person wanted no more mail, and gets none.
  await endSubscription(id)
  if (body.get('List-Unsubscribe') === 'One-Click')
    return new Response('Unsubscribed.\n', { status: 200, headers: { ...noStore, 'content-type': 'text/plain' } })
  return new Response(null, { status: 303, headers: { ...noStore, location: '/subscriptions/end?done=1' } })
}

export function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('t') ?? ''
  return new Response(null, {
    status: 303,
    headers: { ...noStore, location: `/subscriptions/end?t=${encodeURIComponent(token)}` },
  })
}
