// The Redis connection several nodes share (REDIS_URL): the rate limits, Next's 'use cache' entries and the
// cache-tag expiries (server/shared-cache.ts). One client per process, made on first use and kept on
// globalThis, so the front door, the cache handlers and the app's own bundles all use the same one; none
// without REDIS_URL (one process keeps all of it in memory). Every key Daisy writes starts with REDIS_PREFIX.
// server/ imports this file natively (Node's type stripping): no path aliases here.
import Redis from 'ioredis'
import { env } from './env.ts'

const CLIENT = Symbol.for('daisy.redis')
const shared = globalThis as unknown as Record<symbol, Redis | null | undefined>

export function redisUrl(): string | null {
  return env.REDIS_URL ?? null
}

/**
 * `REDIS_PREFIX` (default `daisy:`) starts every key, so several blogs can share one Redis. A tool that sets up
 * another process's environment passes that one.
 */
export function redisPrefix(of: { REDIS_PREFIX?: string } = env): string {
  return of.REDIS_PREFIX?.trim() || 'daisy:'
}

/** This process's client, or null without REDIS_URL (and while `next build` prerenders: a build shares nothing). */
export function redis(): Redis | null {
  if (shared[CLIENT] !== undefined) return shared[CLIENT]
  const url = env.NEXT_PHASE === 'phase-production-build' ? null : redisUrl()
  return (shared[CLIENT] = url ? connectRedis(url) : null)
}

/**
 * A client that never makes its caller wait for a Redis that is away: while it is disconnected a command fails
 * at once (no queue to wait in), and one it does not answer fails after a second; either way the caller carries
 * on without it (rate limits count in memory, caches miss). Its errors are logged once a minute at most.
 */
export function connectRedis(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: 1000,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  })
  let lastLogged = 0
  client.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 60_000) return
    lastLogged = Date.now()
    console.error(`daisy: redis: ${error.message} (carrying on without it until it is back)`)
  })
  return client
}

/** Deletes every key under `prefix` (the test cluster and the benchmark start from an empty cache). */
export async function clearPrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 })
  client.on('error', () => {})
  try {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
      if (keys.length) await client.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    client.disconnect()
  }
}
