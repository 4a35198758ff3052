import type { CommentNode, PublicComment } from '@/lib/comments/queries'
import type { CommentFormState } from '@/lib/comments/schema'
import { CommentList } from './comment-list'
import { CommentForm } from './comment-form'
import { MentionList } from './mention-list'

export interface PostResponsesProps {
  postId: string
  slug: string
  comments: CommentNode[]
  commentCount: number
  mentions: PublicComment[]
  commentWindow: { open: boolean; token: string }
  commentAction: (prev: CommentFormState, formData: FormData) => Promise<CommentFormState>
  maxDepth: number
  commentsFeed: string
  timezone: string
  locale: string
}

/** Under a post: the conversation (threaded comments and the form), then, apart from it, mentions from other sites. */
export function PostResponses({
  postId,
  slug,
  comments,
  commentCount,
  mentions,
  commentWindow,
  commentAction,
  maxDepth,
  commentsFeed,
  timezone,
  locale,
}: PostResponsesProps) {
  return (
    <>
      <section id="comments" className="responses" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{commentCount === 0 ? 'Comments' : `Comments (${commentCount})`}</h2>
        {comments.length > 0 ? (
          <CommentList
            comments={comments}
            slug={slug}
            canReply={commentWindow.open}
            maxDepth={maxDepth}
            timezone={timezone}
            locale={locale}
          />
        ) : (
          <p className="muted">No comments yet.</p>
        )}
        {commentWindow.open ? (
          <CommentForm postId={postId} action={commentAction} token={commentWindow.token} />
        ) : (
          <p className="notice">Comments are closed.</p>
        )}
        <p className="feed-link">
          <a href={commentsFeed} type="application/rss+xml">
            Follow the comments on this post (RSS)
          </a>
        </p>
      </section>
      {mentions.length > 0 && (
        <section id="mentions" className="responses" aria-labelledby="mentions-heading">
          <h2 id="mentions-heading">Mentions ({mentions.length})</h2>
          <MentionList mentions={mentions} timezone={timezone} locale={locale} />
        </section>
      )}
    </>
  )
}
