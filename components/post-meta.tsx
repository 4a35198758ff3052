import { formatDate, readingMinutes } from '@/lib/format'

export interface PostMetaProps {
  publishedAt: Date | null
  authorName: string
  wordCount: number
  commentCount?: number
  mentionCount?: number
  commentsHref?: string
  timezone: string
  locale: string
}

export function PostMeta({
  publishedAt,
  authorName,
  wordCount,
  commentCount,
  mentionCount,
  commentsHref,
  timezone,
  locale,
}: PostMetaProps) {
  const minutes = readingMinutes(wordCount)
  return (
    <p className="post-meta">
      {publishedAt && <time dateTime={publishedAt.toISOString()}>{formatDate(publishedAt, { timezone, locale })}</time>}
      <span aria-hidden="true"> · </span>
      <span>by {authorName}</span>
      <span aria-hidden="true"> · </span>
      <span>{minutes} min read</span>
      {commentCount !== undefined && (
        <>
          <span aria-hidden="true"> · </span>
          {commentsHref ? (
            <a href={commentsHref}>{commentLabel(commentCount)}</a>
          ) : (
            <span>{commentLabel(commentCount)}</span>
          )}
        </>
      )}
      {!!mentionCount && (
        <>
          <span aria-hidden="true"> · </span>
          <a href="#mentions">{mentionCount === 1 ? '1 mention' : `${mentionCount} mentions`}</a>
        </>
      )}
    </p>
  )
}

function commentLabel(n: number) {
  return n === 0 ? 'No comments' : n === 1 ? '1 comment' : `${n} comments`
}
