import type { Metadata } from 'next'
import Link from 'next/link'
import { QueueItem } from '@/components/admin/queue-item'
import { QueueShortcuts } from '@/components/admin/queue-shortcuts'
import { requireUser } from '@/lib/auth/session'
import { bulkModerate, emptyComments } from '@/lib/comments/actions'
import { listCommentedPosts, listQueue, type QueueKind, type QueueStatus } from '@/lib/comments/admin-queries'
import { parsePageParam } from '@/lib/pagination'
import { firstParam } from '@/lib/search-params'
import { getSettings } from '@/lib/settings/queries'

export const metadata: Metadata = { title: 'Comments' }

const STATUSES: { key: QueueStatus; label: string }[] = [
  { key: 'PENDING', label: 'Pending' },
  { key: 'APPROVED', label: 'Approved' },
  { key: 'SPAM', label: 'Spam' },
  { key: 'TRASH', label: 'Trash' },
]
const KINDS: { key: QueueKind; label: string }[] = [
  { key: 'all', label: 'Everything' },
  { key: 'comments', label: 'Comments' },
  { key: 'mentions', label: 'Mentions' },
]
const BULK_ACTIONS: Record<QueueStatus, { value: string; label: string }[]> = {
  PENDING: [
    { value: 'approve', label: 'Approve' },
    { value: 'spam', label: 'Mark as spam' },
    { value: 'trash', label: 'Move to trash' },
  ],
  APPROVED: [
    { value: 'unapprove', label: 'Unapprove' },
    { value: 'spam', label: 'Mark as spam' },
    { value: 'trash', label: 'Move to trash' },
  ],
  SPAM: [
    { value: 'not-spam', label: 'Not spam' },
    { value: 'trash', label: 'Move to trash' },
  ],
  TRASH: [
    { value: 'restore', label: 'Restore' },
    { value: 'spam', label: 'Mark as spam' },
  ],
}

export default async function CommentsPage(props: PageProps<'/admin/comments'>) {
  const user = await requireUser('/admin/comments')
  const search = await props.searchParams
  const status = STATUSES.find((s) => s.key === firstParam(search.status)?.toUpperCase())?.key ?? 'PENDING'
  const kind = KINDS.find((k) => k.key === firstParam(search.kind))?.key ?? 'all'
  const q = firstParam(search.q)?.slice(0, 200) || undefined
  const postId = firstParam(search.post) || undefined
  const [{ items, counts }, posts, settings] = await Promise.all([
    listQueue(user, { status, kind, q, postId, page: parsePageParam(firstParam(search.page)) ?? 1 }),
    listCommentedPosts(user),
    getSettings(),
  ])
  const href = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(
      Object.entries({ status: status.toLowerCase(), kind, q, post: postId, ...changes }).filter(([, v]) => v) as [
        string,
        string,
      ][],
    )
    return `/admin/comments?${params}`
  }
  return (
    <>
      <h1>Comments and mentions</h1>
      <nav aria-label="By status">
        <ul className="tabs">
          {STATUSES.map((s) => (
            <li key={s.key}>
              <Link href={href({ status: s.key.toLowerCase() })} aria-current={s.key === status ? 'page' : undefined}>
                {s.label} ({counts.status[s.key] ?? 0})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="By kind">
        <ul className="tabs">
          {KINDS.map((k) => (
            <li key={k.key}>
              <Link href={href({ kind: k.key })} aria-current={k.key === kind ? 'page' : undefined}>
                {k.label} ({counts.kind[k.key]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="filters" method="get" action="/admin/comments" role="search" aria-label="Search comments">
        <input type="hidden" name="status" value={status.toLowerCase()} />
        <input type="hidden" name="kind" value={kind} />
        <div className="field">
          <label htmlFor="queue-q">Search</label>
          <input id="queue-q" name="q" type="search" defaultValue={q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="queue-post">Post</label>
          <select id="queue-post" name="post" defaultValue={postId ?? ''}>
            <option value="">All posts</option>
            {posts.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Filter</button>
      </form>
      <QueueShortcuts />
      {items.length === 0 ? (
        <p>Nothing here.</p>
      ) : (
        <form action={bulkModerate} className="stack">
          <div className="filters">
            <div className="field">
              <label htmlFor="bulk">With the selected items</label>
              <select id="bulk" name="bulk" defaultValue="">
                <option value="" disabled>
                  Choose an action
                </option>
                {BULK_ACTIONS[status].map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Apply</button>
          </div>
          <ul className="stack queue">
            {items.map((item) => (
              <QueueItem key={item.id} item={item} timezone={settings.timezone} locale={settings.locale} selectable />
            ))}
          </ul>
        </form>
      )}
      {(status === 'SPAM' || status === 'TRASH') && (counts.status[status] ?? 0) > 0 && (
        <form action={emptyComments.bind(null, status)} className="card stack">
          <label className="checkbox">
            <input type="checkbox" name="confirm" value="yes" required /> Yes, delete all {counts.status[status]}{' '}
            {status === 'SPAM' ? 'spam' : 'trashed'} items for good
          </label>
          <button type="submit" className="danger">
            Empty {status === 'SPAM' ? 'spam' : 'trash'}
          </button>
        </form>
      )}
    </>
  )
}
