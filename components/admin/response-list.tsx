import Link from 'next/link'
import { approveComment, setCommentStatus } from '@/lib/comments/actions'
import type { listResponses } from '@/lib/comments/admin-queries'
import { formatDateTime } from '@/lib/format'

type Row = Awaited<ReturnType<typeof listResponses>>[number]

const KIND = { COMMENT: 'Comment', TRACKBACK: 'Trackback', PINGBACK: 'Pingback', WEBMENTION: 'Webmention' } as const

/** Comments and mentions with who, where, why they were held, and one-click moderation. */
export function ResponseList({ items, timezone, locale }: { items: Row[]; timezone: string; locale: string }) {
  if (items.length === 0) return <p>Nothing waiting. </p>
  return (
    <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
      {items.map((c) => (
        <li key={c.id} className="card">
          <p>
            <span className="badge">{KIND[c.kind]}</span> <strong>{c.kind === 'COMMENT' ? c.authorName : c.sourceTitle || c.authorName}</strong>
            {c.authorEmail && <span className="muted"> · {c.authorEmail}</span>}
            {c.ip && <span className="muted"> · {c.ip}</span>} on <Link href={`/admin/posts/${c.post.id}`}>{c.post.title}</Link>
            <span className="muted"> · {formatDateTime(c.createdAt, { timezone, locale })}</span>
          </p>
          {c.sourceUrl && (
            <p className="muted">
              From <a href={c.sourceUrl}>{c.sourceUrl}</a>
            </p>
          )}
          <p>{c.content.slice(0, 600)}</p>
          {c.reason && <p className="muted">Why: {c.reason}</p>}
          <div className="editor-actions">
            {c.status !== 'APPROVED' && (
              <form action={approveComment.bind(null, c.id)}>
                <button type="submit">
                  Approve<span className="visually-hidden"> the {KIND[c.kind].toLowerCase()} by {c.authorName}</span>
                </button>
              </form>
            )}
            {c.status !== 'SPAM' && (
              <form action={setCommentStatus.bind(null, c.id, 'SPAM')}>
                <button type="submit" className="secondary">
                  Spam<span className="visually-hidden"> ({c.authorName})</span>
                </button>
              </form>
            )}
            {c.status !== 'TRASH' && (
              <form action={setCommentStatus.bind(null, c.id, 'TRASH')}>
                <button type="submit" className="secondary">
                  Trash<span className="visually-hidden"> ({c.authorName})</span>
                </button>
              </form>
            )}
          </div>
        </li>
      ))}
    </ul>
  )
}
