'use server'
// Moderation of comments and mentions: ADMIN on any post, AUTHOR on their own posts only.
import { z } from 'zod'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { db } from '@/lib/db'
import { clientIp } from '@/lib/http/client-ip'
import { formValues } from '@/lib/form-state'
import { addHeldComment, rememberCommenter } from './cookies'
import { postComment } from './post'
import { commentInputSchema, HONEYPOT_FIELD, TOKEN_FIELD, type CommentFormState } from './schema'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache-tags'
import { ForbiddenError, getCurrentUser, requireUser } from '@/lib/auth/session'

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

const HELD_MESSAGE = 'Thank you! Your comment is awaiting moderation.'

/** The public comment form. Works as a plain HTML form (no JavaScript) and as an enhanced one. */
export async function submitComment(postId: string, _prev: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const all = formValues(formData)
  const { [TOKEN_FIELD]: token = null, [HONEYPOT_FIELD]: honeypot = '', ...values } = all
  const parsed = commentInputSchema.safeParse(values)
  // The form shown again keeps its original token, so correcting a field does not restart the time trap.
  const keep = { ...values, ...(token ? { [TOKEN_FIELD]: token } : {}) }
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors, values: keep, message: 'Your comment was not sent: please check the fields marked below.' }
  const requestHeaders = await headers()
  const result = await postComment(postId, parsed.data, {
    ip: clientIp(requestHeaders),
    userAgent: requestHeaders.get('user-agent') ?? '',
    token,
    honeypot,
    user: await getCurrentUser(),
  })
  if (result.kind === 'refused') return { errors: { [result.field ?? 'form']: [result.message] }, values: keep, message: result.message }
  if (result.kind === 'trapped') return { ok: true, status: 'PENDING', message: HELD_MESSAGE, values: {} }
  await rememberCommenter(parsed.data.remember, { name: parsed.data.name, email: parsed.data.email, url: parsed.data.url })
  expireTags(result.touched)
  if (result.status === 'APPROVED') redirect(`/posts/${result.slug}#comment-${result.id}`)
  await addHeldComment(result.id)
  return { ok: true, status: 'PENDING', message: HELD_MESSAGE, held: { id: result.id, authorName: parsed.data.name, html: result.html }, values: {} }
}
