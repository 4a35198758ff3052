// The parts of Next.js's server the front door and the cache handlers work with, loaded the way Next itself loads
// them (CommonJS, from the project's node_modules) so that each is the one instance the whole server shares.
// Next publishes no API for these; their types come with the package, and the tests pin their behaviour.
import { createRequire } from 'node:module'

// From this file's URL: Next also bundles the route cache handler into its proxy (middleware) code, where
// import.meta.url is given but import.meta.dirname is not.
const require = createRequire(import.meta.url)

type TagsManifestModule = typeof import('next/dist/server/lib/incremental-cache/tags-manifest.external')
type FileSystemCacheModule = typeof import('next/dist/server/lib/incremental-cache/file-system-cache')
type DefaultHandlerModule = typeof import('next/dist/server/lib/cache-handlers/default')

export type { TagManifestEntry } from 'next/dist/server/lib/incremental-cache/tags-manifest.external'
export type { CacheEntry, CacheHandler } from 'next/dist/server/lib/cache-handlers/types'

/** Which tags a write expired, and when: one map for the whole server (".external"). */
export const nextTags = (): TagsManifestModule =>
  require('next/dist/server/lib/incremental-cache/tags-manifest.external.js')

/** Next's file-system cache (its "route cache"), which route-cache-handler.ts extends. */
export const FileSystemCache: FileSystemCacheModule['default'] =
  require('next/dist/server/lib/incremental-cache/file-system-cache.js').default

/** Next's own in-memory 'use cache' handler: what runs without Redis. */
export const createDefaultCacheHandler: DefaultHandlerModule['createDefaultCacheHandler'] = (...args) =>
  (require('next/dist/server/lib/cache-handlers/default.js') as DefaultHandlerModule).createDefaultCacheHandler(...args)
