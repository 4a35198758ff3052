// Per-key limits (comments, linkbacks, post passwords per address), in memory: Daisy runs as one process.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

export interface Limit {
  points: number
  duration: number
}

export class RateLimit {
  private readonly limiters: { limiter: RateLimiterMemory; limit: Limit }[]

  constructor(limits: Limit[]) {
    this.limiters = limits.map((limit) => ({
      limiter: new RateLimiterMemory({ points: limit.points, duration: limit.duration }),
      limit,
    }))
  }

  /** Spends one point for the key; null when allowed, else how many seconds to wait. */
  async consume(key: string): Promise<number | null> {
    for (const { limiter } of this.limiters) {
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
