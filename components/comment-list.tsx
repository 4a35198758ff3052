import type { CommentNode } from '@/lib/comments/queries'
import { formatDateTime } from '@/lib/format'

interface Props {
  comments: CommentNode[]
  timezone: string
  locale: string
}

/** Approved comments as a threaded list; each is addressable as #comment-<id>. */
export function CommentList({ comments, timezone, locale }: Props) {
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id} id={`comment-${comment.id}`} className="comment">
          <article aria-label={`Comment by ${comment.authorName}`}>
            <header className="comment-header">
              <span className="comment-author">
                {comment.authorUrl ? (
                  <a href={comment.authorUrl} rel="nofollow ugc noopener">
                    {comment.authorName}
                  </a>
                ) : (
                  comment.authorName
                )}
                {comment.userId && <span className="badge">Author</span>}
              </span>{' '}
              <a className="comment-date" href={`#comment-${comment.id}`}>
                <time dateTime={comment.createdAt.toISOString()}>{formatDateTime(comment.createdAt, { timezone, locale })}</time>
              </a>
            </header>
            <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
          </article>
          {comment.replies.length > 0 && <CommentList comments={comment.replies} timezone={timezone} locale={locale} />}
        </li>
      ))}
    </ol>
  )
}
