import type { CommentNode } from '@/lib/comments/queries'
import { formatDateTime } from '@/lib/format'
import { Avatar } from './avatar'

interface Props {
  comments: CommentNode[]
  slug: string
  canReply: boolean
  maxDepth: number
  timezone: string
  locale: string
}

/** Approved comments as a threaded list; each is addressable as #comment-<id>. */
export function CommentList({ comments, slug, canReply, maxDepth, timezone, locale }: Props) {
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id} id={`comment-${comment.id}`} className="comment">
          <article aria-label={`Comment by ${comment.authorName}`}>
            <header className="comment-header">
              <Avatar hash={comment.avatarHash} />
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
            {canReply && comment.depth < maxDepth && (
              // WordPress's reply address; without JavaScript it opens a reply page (proxy.ts), with it the form below.
              <a className="comment-reply-link" href={`/posts/${slug}?replytocom=${comment.id}#respond`} data-comment-id={comment.id} data-author={comment.authorName}>
                Reply<span className="visually-hidden"> to {comment.authorName}</span>
              </a>
            )}
          </article>
          {comment.replies.length > 0 && (
            <CommentList comments={comment.replies} slug={slug} canReply={canReply} maxDepth={maxDepth} timezone={timezone} locale={locale} />
          )}
        </li>
      ))}
    </ol>
  )
}
