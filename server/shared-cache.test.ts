// The cache two nodes share through Redis: each "node" here has its own tag map and its own client, as two
// processes would, on the real Redis (TEST_REDIS_URL, which npm test finds).
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import Redis from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { clearPrefix, connectRedis as connect } from '../lib/redis.ts'
import { TagSync, sharedCacheHandler, type StoredEntry, type TagEntry } from './shared-cache.ts'

const require = createRequire(import.meta.url)
// Next's own checks of an entry against a tag map, pointed at each node's map in turn.
const manifestModule = require('next/dist/server/lib/incremental-cache/tags-manifest.external.js') as {
  tagsManifest: Map<string, TagEntry>
  areTagsExpired: (tags: string[], timestamp: number) => boolean
  areTagsStale: (tags: string[], timestamp: number) => boolean
}
const clients: Redis[] = []
const prefixes: string[] = []
afterAll(async () => {
  if (process.env.TEST_REDIS_URL) for (const prefix of prefixes) await clearPrefix(process.env.TEST_REDIS_URL, prefix)
  clients.forEach((client) => client.disconnect())
})

function node(prefix: string) {
  const redis = new Redis(process.env.TEST_REDIS_URL!)
  clients.push(redis)
  const manifest = new Map<string, TagEntry>()
  const tags = new TagSync(redis, manifest, { prefix })
  // Next's checks read its module's map: swap this node's map in for the call.
  const onThisNode =
    <A extends unknown[]>(check: (...args: A) => boolean) =>
    (...args: A) => {
      const saved = new Map(manifestModule.tagsManifest)
      manifestModule.tagsManifest.clear()
      for (const [k, v] of manifest) manifestModule.tagsManifest.set(k, v)
      try {
        return check(...args)
      } finally {
        manifestModule.tagsManifest.clear()
        for (const [k, v] of saved) manifestModule.tagsManifest.set(k, v)
      }
    }
  const handler = sharedCacheHandler({
    redis,
    tags,
    manifest,
    areTagsExpired: onThisNode(manifestModule.areTagsExpired),
    areTagsStale: onThisNode(manifestModule.areTagsStale),
    maxBytes: 1024 * 1024,
    prefix,
  })
  return { redis, manifest, tags, handler }
}

function entry(text: string, tags: string[], timestamp = Date.now()): Promise<StoredEntry> {
  const value = new Response(text).body!
  return Promise.resolve({ value, tags, stale: 300, timestamp, expire: 3600, revalidate: 600 })
}

const read = async (found: StoredEntry | undefined) => (found ? await new Response(found.value).text() : undefined)
function testPrefix() {
  const prefix = `daisy-test-${Date.now()}-${Math.random().toString(36).slice(2)}:`
  prefixes.push(prefix)
  return prefix
}

describe.skipIf(!process.env.TEST_REDIS_URL)('shared cache through Redis (two nodes)', () => {
  it('a tag expired on node A is expired on node B after its next refresh, and only then', async () => {
    const prefix = testPrefix()
    const a = node(prefix)
    const b = node(prefix)
    await b.tags.refresh()
    await a.handler.updateTags(['post:1'], { expire: 0 })
    expect(a.manifest.get('post:1')?.expired).toBeGreaterThan(0)
    expect(b.manifest.get('post:1')).toBeUndefined()
    await b.tags.refresh()
    expect(b.manifest.get('post:1')).toEqual(a.manifest.get('post:1'))
    // Only what changed since is read again, and a refresh with nothing new changes nothing.
    const before = b.manifest.get('post:1')
    await b.handler.refreshTags()
    expect(b.manifest.get('post:1')).toBe(before)
  })

  it('refreshes asked for at once share one GET, and each sees every expiry made before it was asked', async () => {
    const prefix = testPrefix()
    const a = node(prefix)
    const b = node(prefix)
    await b.tags.refresh()
    const gets: string[] = []
    const get = b.redis.get.bind(b.redis)
    b.redis.get = ((key: string) => (gets.push(key), get(key))) as typeof b.redis.get
    // A burst of requests: the first asks Redis, all the others share the one asked after them.
    await Promise.all(Array.from({ length: 50 }, () => b.tags.refresh()))
    expect(gets.length).toBe(2)
    // An expiry made on A while B's refresh is already asking (its GET held open here): a request arriving after
    // the expiry waits for the next GET, not the one already out.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    b.redis.get = ((key: string) => (gets.push(key), held.then(() => get(key)))) as typeof b.redis.get
    const under = b.tags.refresh()
    await a.handler.updateTags(['post:9'], { expire: 0 })
    b.redis.get = ((key: string) => (gets.push(key), get(key))) as typeof b.redis.get
    const after = b.tags.refresh()
    release()
    await under
    await after
    expect(gets.length).toBe(4)
    expect(b.manifest.get('post:9')).toEqual(a.manifest.get('post:9'))
  })

  it('a node starting later reads every expiry so far; a later one wins, an older one never undoes it', async () => {
    const prefix = testPrefix()
    const a = node(prefix)
    await a.handler.updateTags(['home', 'feed'])
    const late = node(prefix)
    await late.tags.refresh()
    expect([...late.manifest.keys()].sort()).toEqual(['feed', 'home'])
    late.manifest.set('home', { expired: Date.now() + 5000 })
    await a.handler.updateTags(['feed'])
    await late.tags.refresh()
    expect(late.manifest.get('home')!.expired).toBeGreaterThan(Date.now())
    expect(late.manifest.get('feed')).toEqual(a.manifest.get('feed'))
  })

  it('an entry rendered on node A is served by node B, until a tag it carries expires on either node', async () => {
    const prefix = testPrefix()
    const a = node(prefix)
    const b = node(prefix)
    await a.handler.set('key-1', entry('<p>rendered on A</p>', ['post:7']))
    expect(await read(await b.handler.get('key-1', []))).toBe('<p>rendered on A</p>')
    // Read twice: each hit gets a stream of its own.
    expect(await read(await b.handler.get('key-1', []))).toBe('<p>rendered on A</p>')
    await new Promise((resolve) => setTimeout(resolve, 5))
    await a.handler.updateTags(['post:7'], { expire: 0 })
    await b.tags.refresh()
    expect(await b.handler.get('key-1', [])).toBeUndefined()
    expect(await a.handler.get('key-1', [])).toBeUndefined()
  })

  it('keeps no dynamic entry, and an entry lives in Redis no longer than its revalidate time', async () => {
    const prefix = testPrefix()
    const a = node(prefix)
    await a.handler.set('dynamic', Promise.resolve({ ...(await entry('x', [])), expire: 0 }))
    expect(await a.redis.keys(`${prefix}uc:*`)).toEqual([])
    await a.handler.set('kept', entry('y', []))
    const [key] = await a.redis.keys(`${prefix}uc:*`)
    expect(await a.redis.ttl(key!)).toBeGreaterThan(590)
    expect(await a.redis.ttl(key!)).toBeLessThanOrEqual(600)
  })
})

// A Redis of the test's own, stopped and started again: node A writes while it is away.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0
describe.skipIf(!hasRedisServer)('shared cache when Redis goes away and comes back', () => {
  it('an expiry made while Redis was away reaches the other nodes once it is back; nobody waited on it', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000)
    const start = () => spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'])
    let server = start()
    const url = `redis://127.0.0.1:${port}`
    const a = connect(url)
    const b = connect(url)
    clients.push(a, b)
    const ready = (client: Redis) =>
      client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', resolve))
    const onA = new TagSync(a, new Map(), { prefix: 'gone:' })
    const onB = new Map<string, TagEntry>()
    const syncB = new TagSync(b, onB, { prefix: 'gone:' })
    const original = console.error
    console.error = () => {}
    try {
      await Promise.all([ready(a), ready(b)])
      await syncB.refresh()
      server.kill('SIGKILL')
      await Promise.all([a, b].map((client) => new Promise((resolve) => client.once('close', resolve))))
      const started = Date.now()
      await onA.publish([['post:9', { expired: Date.now() }]])
      await onA.refresh()
      expect(Date.now() - started).toBeLessThan(500)
      expect(onA.unsent.size).toBe(1)
      server = start()
      await Promise.all([ready(a), ready(b)])
      await onA.refresh()
      expect(onA.unsent.size).toBe(0)
      await syncB.refresh()
      expect(onB.get('post:9')?.expired).toBeGreaterThan(0)
    } finally {
      console.error = original
      server.kill('SIGKILL')
    }
  }, 20_000)
})

describe('shared cache when Redis does not answer', () => {
  it('a refresh keeps the last state, a read is a miss and a write is skipped, without throwing', async () => {
    const away = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0 })
    away.on('error', () => {})
    clients.push(away)
    const manifest = new Map<string, TagEntry>([['home', { expired: 1 }]])
    const tags = new TagSync(away, manifest)
    const handler = sharedCacheHandler({
      redis: away,
      tags,
      manifest,
      areTagsExpired: () => false,
      areTagsStale: () => false,
      maxBytes: 1024,
    })
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    const started = Date.now()
    try {
      await tags.refresh()
      expect(manifest.get('home')).toEqual({ expired: 1 })
      expect(await handler.get('missing', [])).toBeUndefined()
      await handler.set('k', entry('kept here', []))
      // This process still has it: Redis away costs sharing, not caching.
      expect(await read(await handler.get('k', []))).toBe('kept here')
      await handler.updateTags(['home'])
      expect(manifest.get('home')!.expired).toBeGreaterThan(1)
    } finally {
      console.error = original
    }
    expect(errors.length).toBeGreaterThan(0)
    // Never waiting on a Redis that is away: the first connection attempt at most.
    expect(Date.now() - started).toBeLessThan(2500)
  })
})
