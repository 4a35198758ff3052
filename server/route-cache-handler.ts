// The file next.config.mjs names as `cacheHandler`: where Next keeps rendered pages and route responses (its
// "route cache", on disk under <distDir>/server). It is Next's own file-system cache with one race closed.
//
// Next stamps an entry with the time it is *stored*, and a tag expiry only hides entries stamped before it.
// A render that began before a write, read the data as it was, and finished after the write expired its tags,
// is stored with a later stamp: it passes for fresh and is served until its revalidate time or the next write
// (minutes, even days for a page nobody edits). On a busy blog this is an author saving a setting while
// readers' requests are rendering; across nodes, a render on B in flight while A publishes. Here an entry is
// judged by when its request came in (server/main.ts stamps each one): a page whose tags expired after that
// is not stored, and one stored before such an expiry reached this process (another node's, through Redis) is
// hidden once it does.
import { AsyncLocalStorage } from 'node:async_hooks'
import { FileSystemCache, nextTags } from './next-internals.ts'

type Get = InstanceType<typeof FileSystemCache>['get']
type SetMethod = InstanceType<typeof FileSystemCache>['set']
/** One request: when it came in, and the cache tags of what it read from or stored in the route cache. */
interface RequestStamp {
  at: number
  tags: Set<string>
}
interface RouteCacheState {
  clock: AsyncLocalStorage<RequestStamp>
  /** route-cache key → when the request that rendered it came in */
  startedAt: Map<string, number>
}

/** Next's header listing the cache tags of a page or route response. */
const TAGS_HEADER = 'x-next-cache-tags'
/** Start times remembered (a few bytes each); past that, the oldest fall back to Next's own stamp. */
const MAX_REMEMBERED = 20_000

// One clock for the server and this handler, whichever copy of this file each of them imported.
const STATE = Symbol.for('daisy.route-cache')
const shared = globalThis as unknown as Record<symbol, RouteCacheState | undefined>
const state = (shared[STATE] ??= {
  clock: new AsyncLocalStorage<RequestStamp>(),
  startedAt: new Map<string, number>(),
})

/** Now, on the clock tag expiries are stamped with (Next's file-system cache and the shared tag sync). */
export const now = () => Date.now()

/**
 * Runs `handle` as one request: whatever it renders and stores is judged from this moment (a millisecond early:
 * an expiry stamped in the same millisecond as the request came in may have come first).
 */
export function stampRequest<T>(handle: () => T, at: number = now() - 1): T {
  return state.clock.run({ at, tags: new Set() }, handle)
}

/** When the request being handled came in, or undefined outside one (the build, a timer). */
export function requestStartedAt(): number | undefined {
  return state.clock.getStore()?.at
}

/**
 * The cache tags of the pages and route responses the request being handled read from the route cache or
 * stored in it (the page cache keeps them with its copy, to drop it when one expires); null outside a
 * request, or when it touched no cached page (a dynamic render: its copy goes at any expiry).
 */
export function requestCacheTags(): ReadonlySet<string> | null {
  const tags = state.clock.getStore()?.tags
  return tags && tags.size > 0 ? tags : null
}

function noteTags(tags: string[]): void {
  const seen = state.clock.getStore()?.tags
  if (seen) for (const tag of tags) if (tag) seen.add(tag)
}

/** The tags a cached value depends on: a page's or route's header, or a fetch's own tags. */
function tagsOf(value: unknown, ctx: unknown): string[] {
  const header = (value as { headers?: Record<string, unknown> } | null)?.headers?.[TAGS_HEADER]
  if (typeof header === 'string') return header.split(',')
  const { tags = [], softTags = [] } = (ctx ?? {}) as { tags?: string[]; softTags?: string[] }
  return [...tags, ...softTags]
}

export default class RouteCache extends FileSystemCache {
  async get(...args: Parameters<Get>): Promise<Awaited<ReturnType<Get>>> {
    const [key, ctx] = args
    const data = await super.get(...args)
    if (!data) return data
    const tags = tagsOf(data.value, ctx)
    const started = state.startedAt.get(key)
    if (started !== undefined && nextTags().areTagsExpired(tags, started)) return null
    noteTags(tags)
    return data
  }

  async set(...[key, data, ctx]: Parameters<SetMethod>): Promise<void> {
    const started = requestStartedAt()
    if (started === undefined || !data) state.startedAt.delete(key)
    else {
      // Already stale when it is finished: not stored at all, so no copy on disk outlives this process's memory
      // (a restart, or the key dropped from the map below). The entry it would replace is hidden by Next's own
      // stamp, so the next request renders again.
      const tags = tagsOf(data, ctx)
      if (nextTags().areTagsExpired(tags, started)) return
      noteTags(tags)
      state.startedAt.delete(key)
      state.startedAt.set(key, started)
      const oldest = state.startedAt.keys().next().value
      if (state.startedAt.size > MAX_REMEMBERED && oldest !== undefined) state.startedAt.delete(oldest)
    }
    return super.set(key, data, ctx)
  }
}
