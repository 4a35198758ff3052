// The federation library's key-value store on the real database (SQLite here, PostgreSQL in the second run).
import { describe, expect, it, vi } from 'vitest'
import { Temporal } from '@js-temporal/polyfill'
import { db } from '@/lib/db'
import { DatabaseKvStore, pruneFederationKv } from './kv'

describe('the federation key-value store', () => {
  const kv = new DatabaseKvStore()

  it('keeps, replaces and forgets values by key path', async () => {
    await kv.set(['doc', 'https://a.example/1'], { id: 1 })
    expect(await kv.get(['doc', 'https://a.example/1'])).toEqual({ id: 1 })
    await kv.set(['doc', 'https://a.example/1'], { id: 2 })
    expect(await kv.get(['doc', 'https://a.example/1'])).toEqual({ id: 2 })
    await kv.delete(['doc', 'https://a.example/1'])
    expect(await kv.get(['doc', 'https://a.example/1'])).toBeUndefined()
  })

  it('lets an entry lapse after its time to live, and prunes it', async () => {
    await kv.set(['seen', 'x'], true, { ttl: Temporal.Duration.from({ milliseconds: 1 }) })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(await kv.get(['seen', 'x'])).toBeUndefined()
    expect(await pruneFederationKv()).toBeGreaterThanOrEqual(1)
  })

  it('swaps a value only when it is what the caller expects, and creates one only when absent', async () => {
    expect(await kv.cas(['lock', 'a'], undefined, 1)).toBe(true)
    expect(await kv.cas(['lock', 'a'], undefined, 2)).toBe(false)
    expect(await kv.cas(['lock', 'a'], 3, 4)).toBe(false)
    expect(await kv.cas(['lock', 'a'], 1, 5)).toBe(true)
    expect(await kv.get(['lock', 'a'])).toBe(5)
    const both = await Promise.all([kv.cas(['lock', 'a'], 5, 6), kv.cas(['lock', 'a'], 5, 7)])
    expect(both.filter(Boolean)).toHaveLength(1)
  })

  it('skips writing again a lasting value it just read or wrote, but never one with a lifetime', async () => {
    const upserts = vi.spyOn(db.federationKv, 'upsert')
    try {
      expect(await kv.get(['spec', 'https://b.example'])).toBeUndefined()
      await kv.set(['spec', 'https://b.example'], 'draft-cavage-http-signatures-12')
      expect(await kv.get(['spec', 'https://b.example'])).toBe('draft-cavage-http-signatures-12')
      await kv.set(['spec', 'https://b.example'], 'draft-cavage-http-signatures-12')
      expect(upserts).toHaveBeenCalledTimes(1)
      await kv.set(['spec', 'https://b.example'], 'rfc9421')
      expect(await kv.get(['spec', 'https://b.example'])).toBe('rfc9421')
      const ttl = { ttl: Temporal.Duration.from({ hours: 1 }) }
      await kv.set(['seen', 'y'], true, ttl)
      await kv.set(['seen', 'y'], true, ttl)
      expect(upserts).toHaveBeenCalledTimes(4)
      // Deleted here: written again.
      await kv.delete(['spec', 'https://b.example'])
      await kv.set(['spec', 'https://b.example'], 'rfc9421')
      expect(await kv.get(['spec', 'https://b.example'])).toBe('rfc9421')
    } finally {
      upserts.mockRestore()
    }
  })

  it('lists by whole key parts only', async () => {
    await kv.set(['list', 'a', '1'], 1)
    await kv.set(['list', 'a', '2'], 2)
    await kv.set(['list', 'ab', '3'], 3)
    const listed = []
    for await (const entry of kv.list(['list', 'a'])) listed.push(entry)
    expect(listed).toEqual([
      { key: ['list', 'a', '1'], value: 1 },
      { key: ['list', 'a', '2'], value: 2 },
    ])
  })
})
