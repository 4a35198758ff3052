// Per-key limits (comments, linkbacks, post passwords, password resets, fetches per host). In memory for one
// process; with REDIS_URL in Redis, so every node counts the same points (a client switching nodes behind the
// load balancer gets no fresh allowance). If Redis does not answer, each node falls back to its own memory
// (rate-limiter-flexible's insurance limiter) rather than letting everything through or refusing everyone.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import type Redis from 'ioredis'
import { redis, redisPrefix } from '@/lib/redis'

export interface Limit {
  points: number
  duration: number
}

export class RateLimit {
  private readonly limiters: RateLimiterAbstract[]

  /**
   * `name` keys the limit in Redis (<REDIS_PREFIX>rl:<name>:<window>:<key>): unique per limit, stable across
   * releases.
   * `store` is for tests; the app passes none and gets Redis when REDIS_URL is set.
   */
  constructor(name: string, limits: Limit[], store: Redis | null = redis()) {
    this.limiters = limits.map((limit, i) => {
      const memory = new RateLimiterMemory({ points: limit.points, duration: limit.duration })
      return store
        ? new RateLimiterRedis({
            storeClient: store,
            keyPrefix: `${redisPrefix()}rl:${name}:${i}`,
            points: limit.points,
            duration: limit.duration,
            insuranceLimiter: memory,
          })
        : memory
    })
  }

  /** Spends one point for the key; null when allowed, else how many seconds to wait. */
  async consume(key: string): Promise<number | null> {
    for (const limiter of this.limiters) {
      try {
        await limiter.consume(key)
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000))
        throw error
      }
    }
    return null
  }
}
