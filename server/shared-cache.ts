// Next's 'use cache' store and cache-tag expiries shared by every node through Redis (REDIS_URL).
//
// Next keeps which tags a write expired in one in-process map (tags-manifest.external), read by its page cache
// on disk, by the 'use cache' handler and, through server/tag-expiry.ts, by Daisy's front-door page cache.
// With several nodes, a comment approved through node A must be on node B's next response, so:
// - `updateTags` (a write on this node) records each tag's expiry in Redis as well, in one script that also
//   bumps a sequence number and logs which tags changed under it;
// - `refresh()` runs before every request (the front door calls it, and Next calls `refreshTags`): one GET of
//   the sequence number (shared by the requests that came in while the one before it was asked), and only when
//   it moved, the tags logged since, merged into the local map. A tag that changes empties the page cache as a
//   local write does.
// - 'use cache' entries live in this process's memory and in Redis, so a node reads what another rendered.
// Without REDIS_URL (and while `next build` prerenders) it is Next's own in-memory handler.
// Redis failing never fails a request, nor slows it for long: a read is a miss, a write is skipped, a refresh
// keeps the last state; after a failure Redis is left alone for 5 s, and while it is disconnected it is not asked.
import { createHash } from 'node:crypto'
import type Redis from 'ioredis'
import { redis as processRedis, redisPrefix } from '../lib/redis.ts'
import { createDefaultCacheHandler, nextTags, type CacheEntry, type CacheHandler } from './next-internals.ts'

export interface TagEntry {
  stale?: number
  expired?: number
}
export type StoredEntry = CacheEntry
export type UseCacheHandler = CacheHandler
interface Breaker {
  usable(): Promise<boolean>
  failed(): void
}
export interface Shared {
  redis: Redis
  tags: TagSync
}

const SHARED = Symbol.for('daisy.sharedCache')
const slot = globalThis as unknown as Record<symbol, Shared | null | undefined>

/** The shared pieces of this process (its one Redis client, one tag sync), or null without REDIS_URL. */
export function sharedCache(): Shared | null {
  if (slot[SHARED] !== undefined) return slot[SHARED]
  const redis = processRedis()
  if (!redis) return (slot[SHARED] = null)
  return (slot[SHARED] = { redis, tags: new TagSync(redis, nextTags().tagsManifest, { prefix: redisPrefix() }) })
}

/**
 * Whether to ask Redis now: connected, and not failed in the last few seconds (a Redis that stopped answering
 * would otherwise cost every request a second). The first call waits a moment for the connection to open.
 */
function breaker(redis: Redis): Breaker {
  let downUntil = 0
  let connecting: Promise<void> | null = null
  return {
    async usable() {
      if (redis.status !== 'ready') {
        // Only the first connection is waited for; a lost one is not (ioredis reconnects in the background).
        if (!['wait', 'connecting', 'connect'].includes(redis.status)) return false
        connecting ??= new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000)
          redis.once('ready', () => resolve(clearTimeout(timer)))
        })
        await connecting
        // The status changed while we waited (TypeScript cannot know).
        return (redis.status as string) === 'ready'
      }
      return Date.now() >= downUntil
    },
    failed() {
      downUntil = Date.now() + 5000
    },
  }
}

const MERGE_SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
for i = 1, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  redis.call('ZADD', KEYS[3], seq, ARGV[i])
end
return seq`

/** Keeps a tag map (Next's, in the server) in step with the one in Redis. */
export class TagSync {
  readonly redis: Redis
  readonly manifest: Map<string, TagEntry>
  readonly keys: { seq: string; tags: string; log: string }
  /** The sequence number of the last change read from Redis. */
  seen = 0
  /** Expiries Redis did not take yet (it was away), by tag. */
  readonly unsent = new Map<string, TagEntry>()
  readonly log = throttledLog('shared cache tags')
  readonly breaker: Breaker

  constructor(redis: Redis, manifest: Map<string, TagEntry>, { prefix = redisPrefix() }: { prefix?: string } = {}) {
    this.redis = redis
    this.manifest = manifest
    this.keys = { seq: `${prefix}tags:seq`, tags: `${prefix}tags`, log: `${prefix}tags:log` }
    this.breaker = breaker(redis)
  }

  fail(error: unknown): void {
    this.breaker.failed()
    this.log(error)
  }

  /**
   * Records expiries this node made (Next has already put them in the local map). What Redis could not take
   * is kept, and sent with the first refresh that finds it back, so the other nodes learn of it late, not never.
   */
  async publish(entries: [string, TagEntry][]): Promise<void> {
    for (const [tag, entry] of entries) this.unsent.set(tag, entry)
    if (this.unsent.size === 0) return
    if (!(await this.breaker.usable()))
      return this.log(new Error('Redis is not connected: expiries kept to send later'))
    const sending = [...this.unsent]
    const args = sending.flatMap(([tag, entry]) => [tag, JSON.stringify(entry)])
    try {
      await this.redis.eval(MERGE_SCRIPT, 3, this.keys.seq, this.keys.tags, this.keys.log, ...args)
      for (const [tag, entry] of sending) if (this.unsent.get(tag) === entry) this.unsent.delete(tag)
    } catch (error) {
      this.fail(error)
    }
  }

  /** The refresh asking Redis now, and the one queued to ask for everything that arrived meanwhile. */
  #running: Promise<void> | null = null
  #queued: Promise<void> | null = null

  /**
   * Brings in what other nodes expired since the last call (sending first what this node could not); never throws.
   * Calls made while one is asking Redis share the next one, which asks after they came in: an expiry another node
   * recorded before a request arrived is always seen by it, and a burst of requests costs one round trip, not one
   * each (under load, one GET per request was a tenth of the machine).
   */
  refresh(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#refreshNow().finally(() => (this.#running = null))
      return this.#running
    }
    this.#queued ??= this.#running.then(() => {
      this.#queued = null
      return this.refresh()
    })
    return this.#queued
  }

  async #refreshNow(): Promise<void> {
    if (!(await this.breaker.usable())) return
    if (this.unsent.size) await this.publish([])
    try {
      const seq = Number((await this.redis.get(this.keys.seq)) ?? 0)
      if (seq === this.seen) return
      // Redis lost its data (restarted without persistence): its log starts again, so read everything.
      if (seq < this.seen) this.seen = 0
      const changed =
        this.seen === 0 ? Object.entries(await this.redis.hgetall(this.keys.tags)) : await this.changedSince(this.seen)
      for (const [tag, raw] of changed) this.merge(tag, raw)
      this.seen = seq
    } catch (error) {
      this.fail(error)
    }
  }

  async changedSince(seq: number): Promise<[string, string | null][]> {
    const tags = await this.redis.zrangebyscore(this.keys.log, `(${seq}`, '+inf')
    if (tags.length === 0) return []
    const values = await this.redis.hmget(this.keys.tags, ...tags)
    return tags.map((tag, i): [string, string | null] => [tag, values[i] ?? null])
  }

  /**
   * Takes the later of each time: Daisy expires tags "now" (never at a future time), so a later expiry always
   * wins, and this node's own write, recorded a millisecond apart by Next's two caches, is not news to it.
   */
  merge(tag: string, raw: string | null): void {
    if (!raw) return
    let remote: TagEntry
    try {
      remote = JSON.parse(raw) as TagEntry
    } catch {
      return
    }
    const local = this.manifest.get(tag) ?? {}
    const merged = { ...local }
    for (const field of ['stale', 'expired'] as const) {
      const theirs = remote[field]
      if (typeof theirs === 'number' && !((local[field] ?? -Infinity) >= theirs)) merged[field] = theirs
    }
    if (merged.stale !== local.stale || merged.expired !== local.expired) this.manifest.set(tag, merged)
  }
}

/**
 * The handler `cacheHandlers.default` names (next.config.mjs). Entries are kept here (an LRU of `maxBytes`)
 * and, with Redis, there too under a hash of their key until their revalidate time.
 */
export function createUseCacheHandler({
  maxBytes = 50 * 1024 * 1024,
  shared = sharedCache(),
}: { maxBytes?: number; shared?: Shared | null } = {}): UseCacheHandler {
  if (!shared) return createDefaultCacheHandler(maxBytes)
  const { tagsManifest, areTagsExpired, areTagsStale } = nextTags()
  return sharedCacheHandler({ ...shared, manifest: tagsManifest, areTagsExpired, areTagsStale, maxBytes })
}

/** The handler itself, with its parts given (the tests give their own map and Redis). */
export function sharedCacheHandler({
  redis,
  tags,
  manifest,
  areTagsExpired,
  areTagsStale,
  maxBytes,
  prefix = redisPrefix(),
}: Shared & {
  manifest: Map<string, TagEntry>
  areTagsExpired: (tags: string[], timestamp: number) => boolean
  areTagsStale: (tags: string[], timestamp: number) => boolean
  maxBytes: number
  prefix?: string
}): UseCacheHandler {
  const local = new Lru(maxBytes)
  const pending = new Map<string, Promise<void>>()
  const entryPrefix = `${prefix}uc:`
  const redisKey = (cacheKey: string) => entryPrefix + createHash('sha256').update(cacheKey).digest('base64url')
  const log = throttledLog('shared cache entries')
  // One view of the client's health for the tag sync and the entries: a failure either meets pauses both.
  const { usable, failed } = tags.breaker
  const fail = (error: unknown) => {
    failed()
    log(error)
  }

  async function load(cacheKey: string): Promise<Stored | undefined> {
    const held = local.get(cacheKey)
    if (held) return held
    if (!(await usable())) return undefined
    try {
      const stored = await redis.getBuffer(redisKey(cacheKey))
      const found = stored ? decode(stored) : undefined
      if (found) local.set(cacheKey, found)
      return found
    } catch (error) {
      fail(error)
      return undefined
    }
  }

  return {
    async get(cacheKey) {
      await pending.get(cacheKey)
      const found = await load(cacheKey)
      if (!found) return undefined
      const { entry, value } = found
      // As Next's own in-memory handler: past its revalidate time or carrying an expired tag, it is a miss.
      if (entry.expire < 0 || Date.now() > entry.timestamp + entry.revalidate * 1000) return undefined
      if (areTagsExpired(entry.tags, entry.timestamp)) return undefined
      const revalidate = areTagsStale(entry.tags, entry.timestamp) ? -1 : entry.revalidate
      return { ...entry, revalidate, value: streamOf(value) }
    },

    async set(cacheKey, pendingEntry) {
      const { promise, resolve: done } = Promise.withResolvers<void>()
      pending.set(cacheKey, promise)
      try {
        const { value: stream, ...entry } = await pendingEntry
        const value = Buffer.from(await new Response(stream).arrayBuffer())
        // A dynamic entry (expire 0) is never reused.
        if (entry.expire === 0) return
        local.set(cacheKey, { entry, value })
        if (!(await usable())) return
        const ttl = Math.min(Math.max(entry.revalidate, 1), 7 * 24 * 3600)
        await redis.set(redisKey(cacheKey), encode(entry, value), 'EX', ttl)
      } catch (error) {
        fail(error)
      } finally {
        done()
        pending.delete(cacheKey)
      }
    },

    refreshTags: () => tags.refresh(),

    async getExpiration(tagList) {
      return Math.max(0, ...tagList.map((tag) => manifest.get(tag)?.expired ?? 0))
    },

    async updateTags(tagList, durations) {
      const now = Date.now()
      const entries = tagList.map((tag): [string, TagEntry] => {
        const entry: TagEntry = { ...manifest.get(tag) }
        if (durations) {
          entry.stale = now
          if (durations.expire !== undefined) entry.expired = now + durations.expire * 1000
        } else entry.expired = now
        manifest.set(tag, entry)
        return [tag, entry]
      })
      await tags.publish(entries)
    },
  }
}

/** [4-byte length][JSON of the entry's fields][value bytes]: one binary string in Redis. */
type EntryFields = Omit<StoredEntry, 'value'>
interface Stored {
  entry: EntryFields
  value: Buffer
}

function encode(entry: EntryFields, value: Buffer): Buffer {
  const head = Buffer.from(JSON.stringify(entry))
  const length = Buffer.alloc(4)
  length.writeUInt32BE(head.length)
  return Buffer.concat([length, head, value])
}

function decode(stored: Buffer): Stored | undefined {
  try {
    const length = stored.readUInt32BE(0)
    const entry = JSON.parse(stored.subarray(4, 4 + length).toString('utf8')) as EntryFields
    return { entry, value: stored.subarray(4 + length) }
  } catch {
    return undefined
  }
}

function streamOf(bytes: Buffer): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes))
      controller.close()
    },
  })
}

/** Least recently used first out, by bytes. */
class Lru {
  bytes = 0
  readonly items = new Map<string, Stored & { size: number }>()
  readonly maxBytes: number
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes
  }
  get(key: string): Stored | undefined {
    const item = this.items.get(key)
    if (item) {
      this.items.delete(key)
      this.items.set(key, item)
    }
    return item
  }
  set(key: string, item: Stored): void {
    this.delete(key)
    const size = item.value.length + key.length
    if (size > this.maxBytes) return
    this.items.set(key, { ...item, size })
    this.bytes += size
    for (const [oldest] of this.items) {
      if (this.bytes <= this.maxBytes) break
      this.delete(oldest)
    }
  }
  delete(key: string): void {
    const item = this.items.get(key)
    if (!item) return
    this.items.delete(key)
    this.bytes -= item.size
  }
}

/** One line per minute at most for the same trouble (a Redis outage would otherwise log every request). */
function throttledLog(what: string): (error: unknown) => void {
  let last = 0
  return (error) => {
    if (Date.now() - last < 60_000) return
    last = Date.now()
    console.error(`daisy: ${what}: ${error instanceof Error ? error.message : error} (carrying on without it)`)
  }
}
