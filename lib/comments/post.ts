// Posting a comment: checks, spam traps, rate limit, policy, and one transaction that stores it (or nothing).
import 'server-only'
import { isUnlocked } from '@/lib/posts/protection'
import { db } from '@/lib/db'
import { tags } from '@/lib/cache/tags'
import type { CurrentUser } from '@/lib/auth/session'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { checkFormToken } from './form-token'
import { lockUntilCommit, QUEUED_WRITER } from '../db/lock'
import { decide } from './moderation'
import { policySettings } from './policy'
import { commentLimit } from './rate-limit'
import { renderComment } from './render'
import { commentsOpenNow } from './window'
import { notifyNewResponse } from './notify'
import { sendAnswer } from '@/lib/federation/answers'
import { subscribe } from './subscriptions'
import type { CommentInput } from './schema'

export type PostCommentResult =
  | {
      kind: 'stored'
      id: string
      slug: string
      status: 'APPROVED' | 'PENDING' | 'SPAM'
      html: string
      reason: string
      touched: string[]
      /** The commenter asked for mail: it starts now, or once they confirm by mail. */
      subscription?: 'active' | 'confirming'
    }
  /** A person's mistake or a limit: shown to them as is. */
  | { kind: 'refused'; field?: 'content' | 'form'; message: string }
  /** A bot: answered as if held, counted in BlockedAttempt, never stored as a comment. */
  | { kind: 'trapped'; reason: string }

export interface CommentContext {
  ip: string
  userAgent: string
  token: string | null
  honeypot: string
  user: CurrentUser | null
  now?: Date
}

export async function postComment(
  postId: string,
  input: CommentInput,
  ctx: CommentContext,
): Promise<PostCommentResult> {
  const now = ctx.now ?? new Date()
  const settings = await policySettings()
  const post = await db.post.findFirst({
    where: { id: postId, ...visiblePostsWhere(now, ['POST', 'PAGE']) },
    select: { id: true, slug: true, commentsOpen: true, publishedAt: true, authorId: true, password: true },
  })
  if (!post) return { kind: 'refused', field: 'form', message: 'This post is not open for comments.' }
  if (!(await isUnlocked(post.id, post.password)))
    return { kind: 'refused', field: 'form', message: 'Enter the post’s password before commenting.' }
  if (!commentsOpenNow(post, settings.closeCommentsAfterDays, now))
    return { kind: 'refused', field: 'form', message: 'Comments are closed on this post.' }

  // Traps first: a bot learns nothing from the answer.
  const trap = ctx.honeypot.trim()
    ? 'filled the hidden honeypot field'
    : ctx.user
      ? null
      : (() => {
          const check = checkFormToken(ctx.token, postId, now.getTime())
          return check.ok ? null : check.reason
        })()
  if (trap) {
    await db.blockedAttempt.create({ data: { reason: trap, ip: ctx.ip, postId } })
    return { kind: 'trapped', reason: trap }
  }

  const wait = ctx.user ? null : await commentLimit.consume(ctx.ip)
  if (wait)
    return {
      kind: 'refused',
      field: 'form',
      message: `You are commenting faster than people do. Wait ${wait} seconds and send it again.`,
    }

  if (input.parentId) {
    const parent = await db.comment.findFirst({
      where: { id: input.parentId, postId, status: 'APPROVED', kind: 'COMMENT' },
      select: { id: true },
    })
    if (!parent)
      return { kind: 'refused', field: 'form', message: 'The comment you are replying to is not available any more.' }
  }

  const html = await renderComment(input.content)
  // One transaction: the duplicate check, the history and the insert see the same database, and one writer
  // per post at a time (lib/db/lock.ts), so two identical comments at once (a double click, or two nodes) end
  // as one stored and one refused.
  const result = await db.$transaction(async (tx) => {
    await lockUntilCommit(tx, `comments:${postId}`)
    const duplicate = await tx.comment.findFirst({
      where: { postId, content: input.content, authorEmail: input.email, status: { not: 'TRASH' } },
      select: { id: true },
    })
    if (duplicate)
      return { kind: 'refused', field: 'content', message: 'You already posted this comment here.' } as const
    // A returning commenter is the same name with the same email, as WordPress has it: an email address alone
    // (anyone can type another's) does not publish at once.
    const approvedBefore = !!(await tx.comment.findFirst({
      where: { authorName: input.name, authorEmail: input.email, status: 'APPROVED', kind: 'COMMENT' },
      select: { id: true },
    }))
    const decision = decide(
      {
        kind: 'COMMENT',
        authorName: input.name,
        authorEmail: input.email,
        authorUrl: input.url || null,
        content: input.content,
        ip: ctx.ip,
      },
      settings,
      { approvedBefore, isSiteUser: !!ctx.user },
    )
    const comment = await tx.comment.create({
      data: {
        postId,
        parentId: input.parentId,
        kind: 'COMMENT',
        status: decision.status,
        authorName: input.name,
        authorEmail: input.email,
        authorUrl: input.url || null,
        userId: ctx.user?.id ?? null,
        content: input.content,
        html,
        ip: ctx.ip,
        userAgent: ctx.userAgent.slice(0, 500),
        reason: decision.reason,
        createdAt: now,
      },
      select: { id: true },
    })
    const touched =
      decision.status === 'APPROVED' ? [tags.comments(postId), tags.post(post.slug), tags.commentCounts] : []
    return {
      kind: 'stored',
      id: comment.id,
      slug: post.slug,
      status: decision.status,
      html,
      reason: decision.reason,
      touched,
    } as const
  }, QUEUED_WRITER)
  if (result.kind !== 'stored') return result
  return { ...result, subscription: await afterStored(result.id, result.status, postId, input, now) }
}

/** The mail a stored comment brings: the commenter's subscription (not for spam), then the moderators' notice. */
async function afterStored(id: string, status: string, postId: string, input: CommentInput, now: Date) {
  let subscription: 'active' | 'confirming' | undefined
  if ((input.notify || input.notifyAll) && status !== 'SPAM') {
    subscription = await subscribe(
      { email: input.email, postId, commentId: id, scope: input.notifyAll ? 'all' : 'replies' },
      now,
    ).catch((error: unknown) => {
      console.error('daisy: subscription not stored:', error instanceof Error ? error.message : error)
      return undefined
    })
  }
  await notifyNewResponse(id)
  // The author answering a reply from the fediverse (signed in on the post page): it goes back there too.
  if (status === 'APPROVED' && input.parentId) await sendAnswer(id)
  return subscription
}
