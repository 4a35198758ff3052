// What the linkback endpoints share beyond generic HTTP plumbing: the limits per sender, and the HTTP status
// each refusal answers with.
import { RateLimit } from '@/lib/http/rate-limit'
import type { Refusal } from './kinds'

/**
 * Linkbacks from one address, whatever the protocol: a blog publishing a post that links to many of ours
 * sends a burst of one ping per link, a flood sends thousands.
 */
const perAddress = new RateLimit('linkback-address', [
  { points: 60, duration: 60 },
  { points: 500, duration: 3600 },
])
/** The same source announcing the same target again and again (edits resend; a loop or a spammer floods). */
const perPair = new RateLimit('linkback-pair', [
  { points: 3, duration: 60 },
  { points: 20, duration: 3600 },
])

/** Seconds the sender must wait (null: go ahead). Spends one point for the address and, if given, the pair. */
export async function linkbackWait(ip: string, source?: string, target?: string): Promise<number | null> {
  const wait = await perAddress.consume(ip)
  if (wait) return wait
  return source ? perPair.consume(`${source.slice(0, 1000)} ${(target ?? '').slice(0, 1000)}`) : null
}

/** The status a refusal answers with where the protocol leaves HTTP status to us (TrackBack, Webmention). */
export const REFUSAL_STATUS: Record<Refusal, number> = {
  INVALID: 400,
  SOURCE_MISSING: 400,
  NO_LINK: 400,
  TARGET_MISSING: 404,
  TARGET_CLOSED: 403,
  DUPLICATE: 409,
  DENIED: 403,
  UPSTREAM: 502,
}
