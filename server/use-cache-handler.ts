// The file next.config.mjs names as `cacheHandlers.default` (what 'use cache' stores through): Next imports it
// in the server and in the build. Shared through Redis with REDIS_URL; Next's own in-memory handler without.
import { createUseCacheHandler } from './shared-cache.ts'

export default createUseCacheHandler()
