// The Redis connection several nodes share (REDIS_URL): rate limits today, more of what nodes must agree on
// later. One client per process, made on first use; none without REDIS_URL (one process keeps it in memory).
import Redis from 'ioredis'

let client: Redis | null | undefined

export function redisUrl(): string | null {
  return process.env.REDIS_URL?.trim() || null
}

export function redis(): Redis | null {
  if (client !== undefined) return client
  // Not while `next build` prerenders: a build talks to no shared service.
  const url = process.env.NEXT_PHASE === 'phase-production-build' ? null : redisUrl()
  client = url
    ? new Redis(url, {
        // Commands fail at once while Redis is away (the callers fall back), instead of queueing behind it.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        lazyConnect: false,
      })
    : null
  // While Redis is away ioredis reports every reconnection attempt: one line a minute is enough.
  let lastLogged = 0
  client?.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 60_000) return
    lastLogged = Date.now()
    console.error('daisy: redis:', error.message, '(rate limits are counted in this process until it is back)')
  })
  return client
}
