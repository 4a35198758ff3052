import Link from 'next/link'
import { setCommentStatus } from '@/lib/comments/actions'
import type { QueueItem as Item } from '@/lib/comments/admin-queries'
import { formatDateTime } from '@/lib/format'

export const KIND_LABEL = {
  COMMENT: 'Comment',
  TRACKBACK: 'Trackback',
  PINGBACK: 'Pingback',
  WEBMENTION: 'Webmention',
  FEDIVERSE: 'Fediverse mention',
} as const

/** One comment or mention in the queue: who, where from, why it is here, and what can be done with it. */
export function QueueItem({
  item,
  timezone,
  locale,
  selectable,
}: {
  item: Item
  timezone: string
  locale: string
  selectable: boolean
}) {
  const who = item.kind === 'COMMENT' ? item.authorName : item.sourceTitle || item.blogName || item.authorName
  const label = `${KIND_LABEL[item.kind]} by ${who}`
  // Buttons name their action and item for screen readers; `formAction` lets them live inside the bulk form.
  const button = (
    status: 'APPROVED' | 'PENDING' | 'SPAM' | 'TRASH',
    text: string,
    shortcut?: string,
    secondary = true,
  ) => (
    <button
      type="submit"
      formAction={setCommentStatus.bind(null, item.id, status)}
      className={secondary ? 'secondary' : undefined}
      data-shortcut={shortcut}
    >
      {text}
      <span className="visually-hidden"> the {label.toLowerCase()}</span>
    </button>
  )
  return (
    <li className="card queue-item" data-comment-id={item.id} tabIndex={-1} aria-label={label}>
      <div className="queue-item-head">
        {selectable && (
          <label className="checkbox">
            <input type="checkbox" name="ids" value={item.id} />
            <span className="visually-hidden">Select the {label.toLowerCase()}</span>
          </label>
        )}
        <span className="badge">{KIND_LABEL[item.kind]}</span>
        <strong>{who}</strong>
        {item.authorEmail && <span className="muted">{item.authorEmail}</span>}
        {item.authorUrl && (
          <a href={item.authorUrl} rel="nofollow noopener">
            {item.authorUrl}
          </a>
        )}
        {item.ip && <span className="muted">IP {item.ip}</span>}
      </div>
      <p className="muted">
        On <Link href={`/admin/posts/${item.post.id}`}>{item.post.title}</Link> ·{' '}
        {formatDateTime(item.createdAt, { timezone, locale })}
        {item.parentId && ' · a reply'}
      </p>
      {item.sourceUrl && (
        <p className="muted">
          From{' '}
          <a href={item.sourceUrl} rel="nofollow noopener">
            {item.sourceUrl}
          </a>
        </p>
      )}
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: item.html }} />
      {item.reason && <p className="reason">Why: {item.reason}</p>}
      <div className="editor-actions">
        {item.status === 'PENDING' && button('APPROVED', 'Approve', 'a', false)}
        {item.status === 'APPROVED' && button('PENDING', 'Unapprove')}
        {item.status === 'SPAM' ? button('PENDING', 'Not spam') : button('SPAM', 'Spam', 's')}
        {item.status === 'TRASH' ? button('PENDING', 'Restore') : button('TRASH', 'Trash', 't')}
        <Link href={`/admin/comments/${item.id}`}>
          Edit or reply<span className="visually-hidden"> to the {label.toLowerCase()}</span>
        </Link>
      </div>
    </li>
  )
}
