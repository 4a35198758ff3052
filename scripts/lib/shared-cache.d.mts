// Types for shared-cache.mjs (plain JavaScript: Next imports the handler and scripts/server.mjs the sync).
import type Redis from 'ioredis'

export interface TagEntry {
  stale?: number
  expired?: number
}
export interface StoredEntry {
  value: ReadableStream<Uint8Array>
  tags: string[]
  stale: number
  timestamp: number
  expire: number
  revalidate: number
}
export interface UseCacheHandler {
  get(cacheKey: string, softTags?: string[]): Promise<StoredEntry | undefined>
  set(cacheKey: string, pendingEntry: Promise<StoredEntry>): Promise<void>
  refreshTags(): Promise<void>
  getExpiration(tags: string[]): Promise<number>
  updateTags(tags: string[], durations?: { expire?: number }): Promise<void>
}

export function redisPrefix(env?: NodeJS.ProcessEnv): string
export function connect(url: string): Redis
export function clearPrefix(url: string, prefix: string): Promise<void>
export function sharedCache(env?: NodeJS.ProcessEnv): { redis: Redis; tags: TagSync } | null

export class TagSync {
  constructor(redis: Redis, manifest: Map<string, TagEntry>, options?: { prefix?: string })
  seen: number
  unsent: Map<string, TagEntry>
  breaker: { usable(): Promise<boolean>; failed(): void }
  publish(entries: [string, TagEntry][]): Promise<void>
  refresh(): Promise<void>
}

export function createUseCacheHandler(options?: { maxBytes?: number }): UseCacheHandler
export function sharedCacheHandler(parts: {
  redis: Redis
  tags: TagSync
  manifest: Map<string, TagEntry>
  areTagsExpired: (tags: string[], timestamp: number) => boolean
  areTagsStale: (tags: string[], timestamp: number) => boolean
  maxBytes: number
  prefix?: string
}): UseCacheHandler
