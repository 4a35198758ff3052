import type { PublicComment } from '@/lib/comments/queries'
import { formatDate } from '@/lib/format'

const KIND_LABEL: Record<PublicComment['kind'], string> = {
  COMMENT: 'Comment',
  TRACKBACK: 'Trackback',
  PINGBACK: 'Pingback',
  WEBMENTION: 'Webmention',
  FEDIVERSE: 'Fediverse',
}

/** Trackbacks, pingbacks and webmentions: where the post was mentioned, with the excerpt around the link. */
export function MentionList({
  mentions,
  timezone,
  locale,
}: {
  mentions: PublicComment[]
  timezone: string
  locale: string
}) {
  return (
    <ol className="mention-list">
      {mentions.map((mention) => {
        const title = mention.sourceTitle || mention.blogName || mention.authorName
        return (
          <li key={mention.id} id={`comment-${mention.id}`} className="mention">
            <p className="mention-source">
              {mention.sourceUrl && /^https?:\/\//i.test(mention.sourceUrl) ? (
                <a href={mention.sourceUrl} rel="nofollow ugc noopener">
                  {title}
                </a>
              ) : (
                <span>{title}</span>
              )}
              {mention.blogName && mention.blogName !== title && (
                <span className="mention-blog"> on {mention.blogName}</span>
              )}
            </p>
            <blockquote className="mention-excerpt" dangerouslySetInnerHTML={{ __html: mention.html }} />
            <p className="mention-meta">
              <span className="badge">{KIND_LABEL[mention.kind]}</span>{' '}
              <time dateTime={mention.createdAt.toISOString()}>
                {formatDate(mention.createdAt, { timezone, locale })}
              </time>
            </p>
          </li>
        )
      })}
    </ol>
  )
}
