// The moderation queue's parts: the status and kind tabs, the search form, the list with its bulk actions,
// and the form that empties the spam or the trash.
import Link from 'next/link'
import { bulkModerate, emptyComments } from '@/lib/comments/actions'
import type { QueueFilter, QueueItem as Item, QueueStatus } from '@/lib/comments/admin-queries'
import { QUEUE_KINDS, QUEUE_STATUSES, queueHref } from '@/lib/comments/queue-params'
import { Field } from '../field'
import { QueueItem } from './queue-item'
import { Options } from './options'

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

interface Counts {
  status: Partial<Record<QueueStatus, number>>
  kind: Record<QueueFilter['kind'], number>
}

/** One tab list per way of slicing the queue, each tab with its count. */
export function QueueTabs({ filter, counts }: { filter: QueueFilter; counts: Counts }) {
  return (
    <>
      <nav aria-label="By status">
        <ul className="tabs">
          {QUEUE_STATUSES.map((s) => (
            <li key={s.key}>
              <Link
                href={queueHref(filter, { status: s.key.toLowerCase() })}
                aria-current={s.key === filter.status ? 'page' : undefined}
              >
                {s.label} ({counts.status[s.key] ?? 0})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="By kind">
        <ul className="tabs">
          {QUEUE_KINDS.map((k) => (
            <li key={k.key}>
              <Link href={queueHref(filter, { kind: k.key })} aria-current={k.key === filter.kind ? 'page' : undefined}>
                {k.label} ({counts.kind[k.key]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  )
}

/** Search within the tab, or narrow it to one post (a plain GET form). */
export function QueueSearch({ filter, posts }: { filter: QueueFilter; posts: { id: string; title: string }[] }) {
  return (
    <form className="filters" method="get" action="/admin/comments" role="search" aria-label="Search comments">
      <input type="hidden" name="status" value={filter.status.toLowerCase()} />
      <input type="hidden" name="kind" value={filter.kind} />
      <Field id="queue-q" label="Search">
        {(control) => <input {...control} name="q" type="search" defaultValue={filter.q ?? ''} />}
      </Field>
      <Field id="queue-post" label="Post">
        {(control) => (
          <select {...control} name="post" defaultValue={filter.postId ?? ''}>
            <option value="">All posts</option>
            <Options items={posts} value={(p) => p.id} label={(p) => p.title} />
          </select>
        )}
      </Field>
      <button type="submit">Filter</button>
    </form>
  )
}

/** The items of the tab, each with a box to tick, and what to do with the ticked ones. */
export function QueueList({
  status,
  items,
  timezone,
  locale,
}: {
  status: QueueStatus
  items: Item[]
  timezone: string
  locale: string
}) {
  if (items.length === 0) return <p>Nothing here.</p>
  return (
    <form action={bulkModerate} className="stack">
      <div className="filters">
        <Field id="bulk" label="With the selected items">
          {(control) => (
            <select {...control} name="bulk" defaultValue="">
              <option value="" disabled>
                Choose an action
              </option>
              <Options items={BULK_ACTIONS[status]} value={(a) => a.value} label={(a) => a.label} />
            </select>
          )}
        </Field>
        <button type="submit">Apply</button>
      </div>
      <ul className="stack queue">
        {items.map((item) => (
          <QueueItem key={item.id} item={item} timezone={timezone} locale={locale} selectable />
        ))}
      </ul>
    </form>
  )
}

/** Deleting the whole spam or trash tab for good, once the box is ticked; nothing for the other tabs. */
export function EmptyQueueForm({ status, count }: { status: QueueStatus; count: number }) {
  if ((status !== 'SPAM' && status !== 'TRASH') || count === 0) return null
  return (
    <form action={emptyComments.bind(null, status)} className="card stack">
      <label className="checkbox">
        <input type="checkbox" name="confirm" value="yes" required /> Yes, delete all {count}{' '}
        {status === 'SPAM' ? 'spam' : 'trashed'} items for good
      </label>
      <button type="submit" className="danger">
        Empty {status === 'SPAM' ? 'spam' : 'trash'}
      </button>
    </form>
  )
}
