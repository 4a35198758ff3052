import type { CommentNode } from '@/lib/comments/queries'
import { commentItemsHtml, type CommentListOptions } from '@/lib/comments/list-html'

/** Approved comments as a threaded list, drawn as one string of markup (lib/comments/list-html.ts says why). */
export function CommentList({ comments, ...options }: CommentListOptions & { comments: CommentNode[] }) {
  return <ol className="comment-list" dangerouslySetInnerHTML={{ __html: commentItemsHtml(comments, options) }} />
}
