// Changing comments' status: one place for the admin queue and the moderation links in mail.
import 'server-only'
import { db } from '@/lib/db'
import { tags } from '@/lib/cache/tags'
import { notifyApproved } from './notify'

export type Status = 'APPROVED' | 'PENDING' | 'SPAM' | 'TRASH'

/** The public pages a change of these comments shows on: the post, its counts in lists. */
export function touchedBy(comments: { postId: string; post: { slug: string } }[]) {
  return [...comments.flatMap((c) => [tags.comments(c.postId), tags.post(c.post.slug)]), tags.commentCounts]
}

/**
 * Moves comments the caller may moderate to a status and tells subscribers about the ones newly approved;
 * returns the cache tags of the pages they show on, for the caller to expire (it runs where Next allows that).
 * Moderation in the admin area and the moderation links in mail both come here.
 */
export async function setStatus(
  comments: { id: string; postId: string; status: string; post: { slug: string } }[],
  status: Status,
  by: string,
): Promise<string[]> {
  await db.comment.updateMany({
    where: { id: { in: comments.map((c) => c.id) } },
    data: {
      status,
      reason: `${status === 'APPROVED' ? 'Approved' : status === 'PENDING' ? 'Sent back to pending' : status === 'SPAM' ? 'Marked as spam' : 'Moved to the trash'} ${by}`,
    },
  })
  await afterStatusChange(comments, status)
  return touchedBy(comments)
}

/**
 * What follows comments moving to a status, wherever they were moved (the queue, a mail link, the author's reply
 * approving the comment it answers): subscribers are told of the newly approved ones, and quotes from the fediverse
 * that asked for approval are answered (lib/federation/quotes.ts).
 */
export async function afterStatusChange(comments: { id: string; status: string }[], status: Status): Promise<void> {
  if (status === 'APPROVED') await notifyApproved(comments.filter((c) => c.status !== 'APPROVED').map((c) => c.id))
  const { answerModeratedQuotes } = await import('@/lib/federation/quotes')
  await answerModeratedQuotes(comments, status)
}
