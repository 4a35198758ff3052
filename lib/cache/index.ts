// Invalidating cached public reads after a write. Both server actions and route handlers call this.
import 'server-only'
import { revalidateTag } from 'next/cache'

/** Expires the given tags at once: the next request renders fresh data instead of serving stale pages. */
export function expireTags(tagList: Iterable<string>): void {
  for (const tag of new Set(tagList)) revalidateTag(tag, { expire: 0 })
}
