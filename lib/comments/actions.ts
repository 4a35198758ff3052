'use server'
// Moderation of comments and mentions: ADMIN on any post, AUTHOR on their own posts only.
import { z } from 'zod'
import { headers } from 'next/headers'
import { refresh } from 'next/cache'
import { redirect } from 'next/navigation'
import { db } from '@/lib/db'
import { isDatabaseBusy } from '@/lib/db/busy'
import { clientIp } from '@/lib/http/client-ip'
import { clipValues, type FormState } from '@/lib/form-state'
import { formAction } from '@/lib/auth/form-action'
import { addHeldComment, rememberCommenter } from './cookies'
import { postComment } from './post'
import { sendAnswer } from '@/lib/federation/answers'
import { renderComment, renderExcerpt } from './render'
import { commentInputSchema, HONEYPOT_FIELD, TOKEN_FIELD, type CommentFormState } from './schema'
import { expireTags } from '@/lib/cache'
import { getCurrentUser, requireUser } from '@/lib/auth/session'
import { ForbiddenError } from '@/lib/errors'
import { afterStatusChange, setStatus, touchedBy, type Status } from './status'
import { notifyApproved } from './notify'

const statusSchema = z.enum(['APPROVED', 'PENDING', 'SPAM', 'TRASH'])

/** The comments with their posts, after checking the caller may moderate every one of them. */
async function loadModeratable(ids: string[]) {
  const user = await requireUser('/admin/comments')
  const comments = await db.comment.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      postId: true,
      kind: true,
      status: true,
      parentId: true,
      post: { select: { authorId: true, slug: true } },
    },
  })
  if (user.role !== 'ADMIN' && comments.some((c) => c.post.authorId !== user.id)) {
    throw new ForbiddenError('You can only moderate comments on your own posts.')
  }
  return { user, comments }
}

async function applyStatus(ids: string[], status: Status) {
  const { user, comments } = await loadModeratable(ids)
  if (comments.length === 0) return
  expireTags(await setStatus(comments, status, `by ${user.name}`))
}

/** Approve, unapprove (→ pending), spam, not spam (→ pending), trash, restore (→ pending). */
export async function setCommentStatus(commentId: string, status: Status): Promise<void> {
  await applyStatus([commentId], statusSchema.parse(status))
}

export async function approveComment(commentId: string): Promise<void> {
  await applyStatus([commentId], 'APPROVED')
}

const BULK: Record<string, Status> = {
  approve: 'APPROVED',
  unapprove: 'PENDING',
  spam: 'SPAM',
  'not-spam': 'PENDING',
  trash: 'TRASH',
  restore: 'PENDING',
}

/** The queue's bulk actions on the ticked items. */
export async function bulkModerate(formData: FormData): Promise<void> {
  const action = String(formData.get('bulk') ?? '')
  const status = BULK[action]
  const ids = formData
    .getAll('ids')
    .map(String)
    .filter((id) => /^[\w-]{1,40}$/.test(id))
    .slice(0, 500)
  if (!status || ids.length === 0) return
  await applyStatus(ids, status)
}

/** Deletes everything in the spam or trash tab for good; only with the confirmation ticked. */
export async function emptyComments(status: 'SPAM' | 'TRASH', formData: FormData): Promise<void> {
  const user = await requireUser('/admin/comments')
  if (formData.get('confirm') !== 'yes') return
  const target = z.enum(['SPAM', 'TRASH']).parse(status)
  await db.comment.deleteMany({
    where: { status: target, ...(user.role === 'ADMIN' ? {} : { post: { authorId: user.id } }) },
  })
  // Nothing public changed (spam and trash never show); redraw the queue.
  refresh()
}

const editSchema = z.object({
  authorName: z.string().trim().min(1, 'Enter a name').max(100),
  authorEmail: z.union([z.literal(''), z.email('Enter a valid email address')]).default(''),
  authorUrl: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, message: 'Enter a web address such as https://example.com' })])
    .default(''),
  content: z.string().trim().min(1, 'The comment cannot be empty').max(5000),
})

/** The one comment an admin form works on, after the same check as the queue's (null once it is deleted). */
async function loadOneModeratable(commentId: string) {
  const { user, comments } = await loadModeratable([commentId])
  return { user, comment: comments[0] ?? null, touched: touchedBy(comments) }
}

const GONE: FormState = { message: 'That comment no longer exists.' }
const moderationForm = { role: 'AUTHOR', callbackUrl: '/admin/comments' } as const

/** Edit what a comment says or who it is from (typos, a pasted signature); re-rendered through the sanitizer. */
export const editComment = formAction(
  { ...moderationForm, schema: editSchema, invalid: 'Nothing was saved.' },
  async ({ data, values }, commentId: string): Promise<FormState> => {
    const { comment, touched } = await loadOneModeratable(commentId)
    if (!comment) return GONE
    const html = comment.kind === 'COMMENT' ? await renderComment(data.content) : renderExcerpt(data.content)
    await db.comment.update({
      where: { id: comment.id },
      data: { ...data, authorEmail: data.authorEmail || null, authorUrl: data.authorUrl || null, html },
    })
    expireTags(touched)
    return { ok: true, message: 'Saved.', values }
  },
)

const replySchema = z.object({ content: z.string().trim().min(2, 'Write a reply').max(5000) })

/** Reply as the signed-in author: approved, threaded under the comment (which is approved too, as WordPress does). */
export const replyAsAuthor = formAction(
  { ...moderationForm, schema: replySchema, invalid: 'The reply was not sent.' },
  async ({ user, data }, commentId: string): Promise<FormState> => {
    const { comment: parent, touched } = await loadOneModeratable(commentId)
    if (!parent) return GONE
    const html = await renderComment(data.content)
    const [reply] = await db.$transaction([
      db.comment.create({
        data: {
          postId: parent.postId,
          parentId: parent.kind === 'COMMENT' ? parent.id : null,
          kind: 'COMMENT',
          status: 'APPROVED',
          authorName: user.name,
          authorEmail: user.email,
          userId: user.id,
          content: data.content,
          html,
          reason: 'Reply from the admin area',
        },
        select: { id: true },
      }),
      ...(parent.status !== 'APPROVED'
        ? [
            db.comment.update({
              where: { id: parent.id },
              data: { status: 'APPROVED', reason: `Approved by ${user.name} when replying` },
            }),
          ]
        : []),
    ])
    expireTags(touched)
    // The parent, approved by replying, first (as approval from the queue: its subscribers, a quote's answer); then
    // the reply its commenter may be waiting for.
    await afterStatusChange([parent], 'APPROVED')
    await notifyApproved([reply.id])
    // An answer to a reply from the fediverse goes back to it there.
    await sendAnswer(reply.id)
    return { ok: true, message: 'Reply published.', values: {} }
  },
)

const HELD_MESSAGE = 'Thank you! Your comment is awaiting moderation.'
const CONFIRM_MESSAGE = 'To get mail about replies, confirm with the link we just mailed you.'
const BUSY_MESSAGE = 'The blog is busy right now; your comment was not saved. Please try again in a moment.'

/**
 * What a refused comment form shows again: it keeps its original token, so correcting a field does not restart
 * the time trap; cut to a few times the longest field, so a huge refused comment is not sent back whole.
 */
function keptComment({ [HONEYPOT_FIELD]: _honeypot, ...values }: Record<string, string>): Record<string, string> {
  return clipValues(values, 20_000)
}

/** The public comment form. Works as a plain HTML form (no JavaScript) and as an enhanced one. */
export const submitComment = formAction(
  {
    role: 'ANYONE',
    schema: commentInputSchema,
    input: ({ [TOKEN_FIELD]: _token, [HONEYPOT_FIELD]: _honeypot, ...values }) => values,
    keep: keptComment,
    invalid: 'Your comment was not sent: please check the fields marked below.',
  },
  async ({ data, values }, postId: string): Promise<CommentFormState> => {
    const requestHeaders = await headers()
    const context = {
      ip: clientIp(requestHeaders),
      userAgent: requestHeaders.get('user-agent') ?? '',
      token: values[TOKEN_FIELD] ?? null,
      honeypot: values[HONEYPOT_FIELD] ?? '',
      user: await getCurrentUser(),
    }
    const keep = keptComment(values)
    let result
    try {
      // Its transaction already waits and retries while another process writes (lib/db/index.ts); not retried here,
      // which would also spend the commenter's rate-limit points again.
      result = await postComment(postId, data, context)
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error
      console.warn('daisy: comment not saved, the database stayed locked by another process')
      return { errors: { form: [BUSY_MESSAGE] }, values: keep, message: BUSY_MESSAGE }
    }
    if (result.kind === 'refused')
      return { errors: { [result.field ?? 'form']: [result.message] }, values: keep, message: result.message }
    if (result.kind === 'trapped') return { ok: true, status: 'PENDING', message: HELD_MESSAGE, values: {} }
    await rememberCommenter(data.remember, { name: data.name, email: data.email, url: data.url })
    expireTags(result.touched)
    if (result.status === 'APPROVED') redirect(`/posts/${result.slug}#comment-${result.id}`)
    await addHeldComment(result.id, postId)
    return {
      ok: true,
      status: 'PENDING',
      message: result.subscription === 'confirming' ? `${HELD_MESSAGE} ${CONFIRM_MESSAGE}` : HELD_MESSAGE,
      held: { id: result.id, authorName: data.name, html: result.html },
      values: {},
    }
  },
)
