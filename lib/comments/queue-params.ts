// The moderation queue's address: its tabs (status, kind), the filter read from the query string, and the
// links between them. Client-safe: no server imports.
import { parsePageParam } from '@/lib/pagination'
import { firstParam } from '@/lib/search-params'
import type { QueueFilter, QueueKind, QueueStatus } from './admin-queries'

export const QUEUE_STATUSES: { key: QueueStatus; label: string }[] = [
  { key: 'PENDING', label: 'Pending' },
  { key: 'APPROVED', label: 'Approved' },
  { key: 'SPAM', label: 'Spam' },
  { key: 'TRASH', label: 'Trash' },
]
export const QUEUE_KINDS: { key: QueueKind; label: string }[] = [
  { key: 'all', label: 'Everything' },
  { key: 'comments', label: 'Comments' },
  { key: 'mentions', label: 'Mentions' },
]

type Search = Record<string, string | string[] | undefined>

/** The queue the query string asks for; anything unknown falls back to the pending tab, everything, page 1. */
export function queueFilter(search: Search): QueueFilter {
  return {
    status: QUEUE_STATUSES.find((s) => s.key === firstParam(search.status)?.toUpperCase())?.key ?? 'PENDING',
    kind: QUEUE_KINDS.find((k) => k.key === firstParam(search.kind))?.key ?? 'all',
    q: firstParam(search.q)?.slice(0, 200) || undefined,
    postId: firstParam(search.post) || undefined,
    page: parsePageParam(firstParam(search.page)) ?? 1,
  }
}

/** The address of the queue with some of its filter changed (the page number is left out: back to page 1). */
export function queueHref(filter: QueueFilter, changes: Record<string, string | undefined>): string {
  const { status, kind, q, postId } = filter
  const params = new URLSearchParams(
    Object.entries({ status: status.toLowerCase(), kind, q, post: postId, ...changes }).filter(([, v]) => v) as [
      string,
      string,
    ][],
  )
  return `/admin/comments?${params}`
}
