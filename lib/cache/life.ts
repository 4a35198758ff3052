// Cache lifetimes that end at a known instant (the next scheduled post, comments closing).

const DAY = 24 * 60 * 60

/**
 * A `cacheLife` profile that revalidates at `at`. `stale` (the browser's router cache) stays at 5 minutes:
 * Next leaves anything staler-than-that out of prerendered pages, which would turn a cached page into a
 * failing dynamic render.
 */
export function lifeUntil(at: Date, { now = new Date(), minSeconds = 1 }: { now?: Date; minSeconds?: number } = {}) {
  const seconds = Math.max(minSeconds, Math.ceil((at.getTime() - now.getTime()) / 1000))
  return { stale: 300, revalidate: seconds, expire: Math.max(seconds + 60, 365 * DAY) }
}

/** Until a write says otherwise (writes revalidate by tag). */
export const LONG_LIFE = { stale: 300, revalidate: 30 * DAY, expire: 365 * DAY }
