'use server'
// Moderation of comments and mentions: ADMIN on any post, AUTHOR on their own posts only.
import { z } from 'zod'
import { db } from '@/lib/db'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache-tags'
import { ForbiddenError, requireUser } from '@/lib/auth/session'

const statusSchema = z.enum(['APPROVED', 'PENDING', 'SPAM', 'TRASH'])

/** Sets a comment's status, after checking the caller may moderate that post. */
export async function setCommentStatus(commentId: string, status: z.infer<typeof statusSchema>): Promise<void> {
  const user = await requireUser('/admin/comments')
  const next = statusSchema.parse(status)
  const comment = await db.comment.findUnique({ where: { id: commentId }, select: { id: true, postId: true, post: { select: { authorId: true, slug: true } } } })
  if (!comment) return
  if (user.role !== 'ADMIN' && comment.post.authorId !== user.id) throw new ForbiddenError('You can only moderate comments on your own posts.')
  await db.comment.update({ where: { id: comment.id }, data: { status: next, reason: `${next.toLowerCase()} by ${user.name}` } })
  // The post page shows approved responses and its comment count; lists show counts too.
  expireTags([tags.comments(comment.postId), tags.post(comment.post.slug), tags.posts])
}

export async function approveComment(commentId: string): Promise<void> {
  await setCommentStatus(commentId, 'APPROVED')
}
