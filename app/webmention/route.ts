import { after } from 'next/server'
import { BodyTooLarge, readBody } from '@/lib/http/read-body'
import { clientIp } from '@/lib/http/client-ip'
import { linkbackWait } from '@/lib/mentions/http'
import { enqueueWebmention, QueueFull, verifyQueuedMentions } from '@/lib/mentions/queue'
import { blockFor } from '@/lib/federation/blocks'
import { resolveTarget } from '@/lib/mentions/target'
import { normalizeUrl } from '@/lib/mentions/verify'
import { getSiteUrl } from '@/lib/settings/queries'

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } })

/** Webmention (W3C): synchronous checks answer 400 (429 over the limits); otherwise 202 and the source is verified after the response. */
export async function POST(request: Request) {
  if (!(request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    return text('Send source and target as application/x-www-form-urlencoded.', 400)
  }
  let form: URLSearchParams
  try {
    form = new URLSearchParams(await readBody(request, 16 * 1024))
  } catch (error) {
    if (error instanceof BodyTooLarge) return text('The request is too large.', 413)
    throw error
  }
  const source = form.get('source')?.trim() ?? ''
  const target = form.get('target')?.trim() ?? ''
  if (!source || !target) return text('Both source and target are required.', 400)
  const normalizedSource = normalizeUrl(source)
  if (!normalizedSource || !normalizeUrl(target)) return text('source and target must be http or https URLs.', 400)
  if (normalizedSource === normalizeUrl(target)) return text('source and target must differ.', 400)
  // A blocked instance (Admin → Fediverse) is refused at once, before anything is queued or fetched.
  if ((await blockFor(normalizedSource))?.kind === 'DOMAIN')
    return text('Webmentions from this site are not accepted here.', 403)
  const wait = await linkbackWait(clientIp(request.headers), normalizedSource, normalizeUrl(target) ?? target)
  if (wait)
    return text(`Too many webmentions from your address or for this source. Try again in ${wait} seconds.`, 429, {
      'retry-after': String(wait),
    })
  const resolved = await resolveTarget(target)
  // The spec: a target that is not a valid resource for webmentions is a 400 Bad Request.
  if ('code' in resolved) return text(resolved.message, 400)
  let job
  try {
    job = await enqueueWebmention(source, target)
  } catch (error) {
    if (error instanceof QueueFull)
      return text('Too many webmentions are waiting to be verified. Try again later.', 503, { 'retry-after': '600' })
    throw error
  }
  after(() => verifyQueuedMentions())
  const status = `${await getSiteUrl()}/webmention/${job.id}`
  return text(`Accepted. The source will be verified; its status is at ${status}`, 202, { location: status })
}
