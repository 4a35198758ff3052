// Types for route-cache-handler.mjs (plain JavaScript: Next imports it from next.config.mjs, uncompiled).
export function now(): number
export function stampRequest<T>(handle: () => T, at?: number): T
export function requestStartedAt(): number | undefined
export default class RouteCache {
  constructor(ctx: { flushToDisk?: boolean; serverDistDir?: string; maxMemoryCacheSize?: number; fs?: unknown })
  get(key: string, ctx: Record<string, unknown>): Promise<{ lastModified: number; value: unknown } | null>
  set(key: string, data: unknown, ctx: Record<string, unknown>): Promise<void>
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>
}
