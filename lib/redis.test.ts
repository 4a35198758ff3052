// REDIS_PREFIX starts every key Daisy writes, so two blogs can share one Redis: a blog's rate limits, its
// 'use cache' entries and its tag expiries, written through the one client of the process, in a Redis
// database of this test's own, where any key without the prefix would show.
import Redis from 'ioredis'
import { afterAll, describe, expect, it, vi } from 'vitest'

const base = process.env.TEST_REDIS_URL
const clients: Redis[] = []
afterAll(() => clients.forEach((client) => client.disconnect()))

describe.skipIf(!base)('REDIS_PREFIX (real Redis)', () => {
  it('starts every key the rate limits and the shared cache write', async () => {
    const url = new URL(base!)
    url.pathname = '/11'
    const admin = new Redis(url.toString())
    clients.push(admin)
    const prefix = `blog-two-${process.pid}:`
    // This blog's process: its own Redis database and prefix, and no client made before them.
    process.env.REDIS_URL = url.toString()
    process.env.REDIS_PREFIX = prefix
    for (const name of ['daisy.redis', 'daisy.sharedCache'])
      (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(name)] = undefined
    // The environment is read once, when lib/env.ts is first loaded: load everything afresh under this one.
    vi.resetModules()
    const { redis } = await import('./redis.ts')
    const { RateLimit } = await import('./http/rate-limit')
    const { createUseCacheHandler, sharedCache } = await import('../server/shared-cache.ts')
    const client = redis()!
    clients.push(client)
    await new Promise((resolve) => (client.status === 'ready' ? resolve(null) : client.once('ready', resolve)))
    await client.eval(`for _, k in ipairs(redis.call('KEYS', ARGV[1] .. '*')) do redis.call('DEL', k) end`, 0, prefix)

    await new RateLimit('comments', [{ points: 5, duration: 60 }]).consume('192.0.2.1')
    const handler = createUseCacheHandler()
    await handler.set(
      'home-page',
      Promise.resolve({
        value: new Blob(['<p>hello</p>']).stream(),
        tags: ['posts'],
        stale: 0,
        timestamp: Date.now(),
        expire: 3600,
        revalidate: 600,
      }),
    )
    await handler.updateTags(['posts'])
    expect(sharedCache()!.redis).toBe(client)

    const keys = await admin.keys('*')
    const mine = keys.filter((key) => key.startsWith(prefix))
    // A rate-limit key, an entry, and the tag sync's three.
    expect(mine.length).toBeGreaterThanOrEqual(5)
    expect(mine.some((key) => key.startsWith(`${prefix}rl:comments:`))).toBe(true)
    expect(mine.some((key) => key.startsWith(`${prefix}uc:`))).toBe(true)
    expect(keys.filter((key) => !key.startsWith(prefix))).toEqual([])
    await admin.del(...mine)
  })
})
