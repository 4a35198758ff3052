import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import RouteCache, { now, requestStartedAt, stampRequest } from './route-cache-handler.ts'

const require = createRequire(join(process.cwd(), 'package.json'))
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external.js') as {
  tagsManifest: Map<string, { expired?: number; stale?: number }>
}
const { default: FileSystemCache } = require('next/dist/server/lib/incremental-cache/file-system-cache.js') as {
  default: typeof RouteCache
}

// Memory only (what Next keeps in front of its files); the files would be read the same way.
const options = {
  flushToDisk: false,
  serverDistDir: '/nonexistent',
  maxMemoryCacheSize: 8 * 1024 * 1024,
} as unknown as ConstructorParameters<typeof RouteCache>[0]
const routeCache = new RouteCache(options)
const nextsOwn = new FileSystemCache(options)
// Next's types want its own enums and a different context for get and set; these are the values Next passes.
const pageCtx = { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false } as never

let serial = 0
/** A rendered page as Next stores it, depending on `tags`. */
function page(tags: string[]): Parameters<RouteCache['set']>[1] {
  return {
    kind: 'APP_PAGE',
    html: '<!DOCTYPE html><p>Notes from the field</p>',
    rscData: Buffer.from('0:{}'),
    headers: { 'x-next-cache-tags': tags.join(',') },
    status: 200,
    postponed: undefined,
    segmentData: undefined,
  } as unknown as Parameters<RouteCache['set']>[1]
}
const uniqueTag = (name: string) => `${name}-${++serial}-${Date.now()}`
const expire = (tag: string, at: number) => tagsManifest.set(tag, { stale: at, expired: at })
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

afterEach(() => {
  for (const tag of [...tagsManifest.keys()]) if (/^(?:settings|posts|post)-/.test(tag)) tagsManifest.delete(tag)
})

describe('the route cache judges an entry by when its request came in', () => {
  it('hides a page rendered before a write and stored after the write expired its tags', async () => {
    const settings = uniqueTag('settings')
    const key = `/home-${serial}`
    // A reader's request comes in and starts rendering with the old settings…
    const started = now()
    await later(5)
    // …the author saves the settings (their tag expires, as Next's own revalidateTag records it)…
    await routeCache.revalidateTag([settings])
    await later(5)
    // …and the reader's render finishes and is stored.
    await stampRequest(() => routeCache.set(key, page([settings, uniqueTag('posts')]), pageCtx), started)

    // Next's own handler stamps the entry when stored, after the expiry, and would serve it as fresh for ever.
    await nextsOwn.set(`${key}-next`, page([settings]), pageCtx)
    expect(await nextsOwn.get(`${key}-next`, pageCtx)).not.toBeNull()
    // This one knows the render began before the expiry: it keeps no copy (not even on disk, where one would
    // outlive a restart), and the next request renders again.
    expect(await nextsOwn.get(key, pageCtx)).toBeNull()
    expect(await routeCache.get(key, pageCtx)).toBeNull()
  })

  it('hides it too when the expiry reaches this process after the page was stored (another node, a late action)', async () => {
    const post = uniqueTag('post')
    const key = `/posts/late-${serial}`
    const started = now()
    await later(5)
    const writtenAt = now() // the write, on another node
    await later(5)
    await stampRequest(() => routeCache.set(key, page([post]), pageCtx), started)
    expect(await routeCache.get(key, pageCtx)).not.toBeNull()
    // The other node's expiry arrives (stamped with its time, before this page was stored).
    expire(post, writtenAt)
    expect(await routeCache.get(key, pageCtx)).toBeNull()
  })

  it('keeps serving a page whose request came in after the expiry, and pages of other tags', async () => {
    const settings = uniqueTag('settings')
    expire(settings, now())
    await later(5)
    const fresh = `/fresh-${serial}`
    await stampRequest(() => routeCache.set(fresh, page([settings]), pageCtx))
    expect(await routeCache.get(fresh, pageCtx)).not.toBeNull()

    const started = now()
    await later(5)
    expire(uniqueTag('settings'), now())
    const other = `/other-${serial}`
    await stampRequest(() => routeCache.set(other, page([uniqueTag('posts')]), pageCtx), started)
    expect(await routeCache.get(other, pageCtx)).not.toBeNull()
  })

  it('outside a request (the build) stamps as Next does; a request sees its own start through awaits', async () => {
    expect(requestStartedAt()).toBeUndefined()
    const settings = uniqueTag('settings')
    const key = `/built-${serial}`
    await routeCache.set(key, page([settings]), pageCtx)
    expire(settings, now() - 60_000) // an old expiry, before the build's render: still served
    expect(await routeCache.get(key, pageCtx)).not.toBeNull()
    await later(5)
    expire(settings, now())
    expect(await routeCache.get(key, pageCtx)).toBeNull()

    const at = now() - 1_000
    await stampRequest(async () => {
      await later(1)
      await Promise.resolve()
      expect(requestStartedAt()).toBe(at)
    }, at)
  })
})
