// This browser's comments on the post that wait for moderation, shown to it alone above the comment form.
import type { HeldComment } from '@/lib/comments/fields'

export function HeldComments({ comments }: { comments: HeldComment[] }) {
  if (comments.length === 0) return null
  return (
    <div className="held-comments" role="status">
      {comments.map((h) => (
        <div key={h.id} className="comment held" id={`comment-${h.id}`}>
          <p className="notice">Your comment is awaiting moderation.</p>
          <p className="comment-author">{h.authorName}</p>
          <div className="comment-body" dangerouslySetInnerHTML={{ __html: h.html }} />
        </div>
      ))}
    </div>
  )
}
