// The file next.config.mjs names as `cacheHandler`: where Next keeps rendered pages and route responses (its
// "route cache", on disk under <distDir>/server). It is Next's own file-system cache with one race closed.
//
// Next stamps an entry with the time it is *stored*, and a tag expiry only hides entries stamped before it.
// A render that began before a write, read the data as it was, and finished after the write expired its tags,
// is stored with a later stamp: it passes for fresh and is served until its revalidate time or the next write
// (minutes, even days for a page nobody edits). On a busy blog this is an author saving a setting while
// readers' requests are rendering; across nodes, a render on B in flight while A publishes. Here an entry is
// judged by when its request came in (scripts/server.mjs stamps each one): a page whose tags expired after that
// is not stored, and one stored before such an expiry reached this process (another node's, through Redis) is
// hidden once it does.
import { AsyncLocalStorage } from 'node:async_hooks'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { default: FileSystemCache } = require('next/dist/server/lib/incremental-cache/file-system-cache.js')
const { areTagsExpired } = require('next/dist/server/lib/incremental-cache/tags-manifest.external.js')

/** Next's header listing the cache tags of a page or route response. */
const TAGS_HEADER = 'x-next-cache-tags'
/** Start times remembered (a few bytes each); past that, the oldest fall back to Next's own stamp. */
const MAX_REMEMBERED = 20_000

// One clock for the server and this handler, whichever copy of this file each of them imported.
const state = (globalThis[Symbol.for('daisy.route-cache')] ??= {
  clock: new AsyncLocalStorage(),
  /** @type {Map<string, number>} route-cache key → when the request that rendered it came in */
  startedAt: new Map(),
})

/** Now, on the clock tag expiries are stamped with (Next's file-system cache and the shared tag sync). */
export const now = () => Date.now()

/**
 * Runs `handle` as one request: whatever it renders and stores is judged from this moment (a millisecond early:
 * an expiry stamped in the same millisecond as the request came in may have come first).
 */
export function stampRequest(handle, at = now() - 1) {
  return state.clock.run(at, handle)
}

/** When the request being handled came in, or undefined outside one (the build, a timer). */
export function requestStartedAt() {
  return state.clock.getStore()
}

/** The tags a cached value depends on: a page's or route's header, or a fetch's own tags. */
function tagsOf(value, ctx) {
  const header = value?.headers?.[TAGS_HEADER]
  if (typeof header === 'string') return header.split(',')
  return [...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])]
}

export default class RouteCache extends FileSystemCache {
  async get(key, ctx) {
    const data = await super.get(key, ctx)
    const started = state.startedAt.get(key)
    if (data && started !== undefined && areTagsExpired(tagsOf(data.value, ctx), started)) return null
    return data
  }

  async set(key, data, ctx) {
    const started = requestStartedAt()
    if (started === undefined || !data) state.startedAt.delete(key)
    else {
      // Already stale when it is finished: not stored at all, so no copy on disk outlives this process's memory
      // (a restart, or the key dropped from the map below). The entry it would replace is hidden by Next's own
      // stamp, so the next request renders again.
      if (areTagsExpired(tagsOf(data, ctx), started)) return
      state.startedAt.delete(key)
      state.startedAt.set(key, started)
      if (state.startedAt.size > MAX_REMEMBERED) state.startedAt.delete(state.startedAt.keys().next().value)
    }
    return super.set(key, data, ctx)
  }
}
