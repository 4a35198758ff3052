import { describe, expect, it } from 'vitest'
import { RateLimit } from './rate-limit'

describe('RateLimit', () => {
  it('allows the allowance per key, then says how long to wait', async () => {
    const limit = new RateLimit('test-one', [{ points: 3, duration: 60 }])
    for (let i = 0; i < 3; i++) expect(await limit.consume('1.2.3.4')).toBeNull()
    const wait = await limit.consume('1.2.3.4')
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect(await limit.consume('5.6.7.8')).toBeNull()
  })
  it('applies every window', async () => {
    const limit = new RateLimit('test-windows', [
      { points: 10, duration: 1 },
      { points: 2, duration: 3600 },
    ])
    expect(await limit.consume('k')).toBeNull()
    expect(await limit.consume('k')).toBeNull()
    expect(await limit.consume('k')).toBeGreaterThan(1)
  })
})

// Two nodes behind a load balancer: two limiters of the same name on one Redis count the same points.
describe.skipIf(!process.env.TEST_REDIS_URL)('RateLimit with REDIS_URL (real Redis)', () => {
  it('shares one allowance between nodes, and keys limits by name', async () => {
    const { default: Redis } = await import('ioredis')
    const nodeA = new Redis(process.env.TEST_REDIS_URL!)
    const nodeB = new Redis(process.env.TEST_REDIS_URL!)
    try {
      const name = `test-shared-${Date.now()}-${Math.random().toString(36).slice(2)}`
      const onA = new RateLimit(name, [{ points: 3, duration: 60 }], nodeA)
      const onB = new RateLimit(name, [{ points: 3, duration: 60 }], nodeB)
      const other = new RateLimit(`${name}-other`, [{ points: 3, duration: 60 }], nodeB)
      expect(await onA.consume('10.0.0.1')).toBeNull()
      expect(await onB.consume('10.0.0.1')).toBeNull()
      expect(await onA.consume('10.0.0.1')).toBeNull()
      const wait = await onB.consume('10.0.0.1')
      expect(wait).toBeGreaterThan(0)
      expect(wait).toBeLessThanOrEqual(60)
      expect(await other.consume('10.0.0.1')).toBeNull()
      expect(await nodeA.keys(`daisy:rl:${name}:0:*`)).toEqual([`daisy:rl:${name}:0:10.0.0.1`])
    } finally {
      nodeA.disconnect()
      nodeB.disconnect()
    }
  })
})

describe('RateLimit when Redis does not answer', () => {
  it('falls back to counting in this process, still refusing past the allowance', async () => {
    const { default: Redis } = await import('ioredis')
    // Nothing listens on port 1: every command fails at once (no offline queue).
    const away = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    })
    away.on('error', () => {})
    try {
      const limit = new RateLimit('test-away', [{ points: 2, duration: 60 }], away)
      expect(await limit.consume('k')).toBeNull()
      expect(await limit.consume('k')).toBeNull()
      expect(await limit.consume('k')).toBeGreaterThan(0)
    } finally {
      away.disconnect()
    }
  })
})
