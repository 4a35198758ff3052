// Public reads of a post's approved responses: threaded comments, and mentions (linkbacks) apart.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db, Prisma } from '@/lib/db'
import { cacheArgs, closeAfterDaysArg, idArg, instantArg, threadDepthArg } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { z } from 'zod'
import { lifeUntil } from '@/lib/cache/life'
import { createHash } from 'node:crypto'
import { buildThread, type ThreadNode } from './thread'
import { issueFormToken } from './form-token'
import { closingTime, commentsOpenNow } from './window'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { getUnlockedBody } from '@/lib/posts/protection'

/**
 * Responses anyone may read: approved, on a live post without a password. Cached reads are server references
 * anyone can call with any id, so they filter by this themselves; a protected post's responses come only
 * through listUnlockedResponses.
 */
const publicResponsesWhere = (postId: string): Prisma.CommentWhereInput => ({
  postId,
  status: 'APPROVED',
  post: { ...visiblePostsWhere(new Date(), ['POST', 'PAGE']), password: null },
})

const publicCommentSelect = {
  id: true,
  parentId: true,
  kind: true,
  authorName: true,
  authorUrl: true,
  html: true,
  sourceUrl: true,
  sourceTitle: true,
  blogName: true,
  createdAt: true,
  userId: true,
  authorEmail: true,
  authorHandle: true,
  avatarPath: true,
} satisfies Prisma.CommentSelect

/** What a page may show: the email is replaced by a hash of it, for the avatar. */
export type PublicComment = Omit<Prisma.CommentGetPayload<{ select: typeof publicCommentSelect }>, 'authorEmail'> & {
  avatarHash: string
}

function toPublic({
  authorEmail,
  ...row
}: Prisma.CommentGetPayload<{ select: typeof publicCommentSelect }>): PublicComment {
  const seed = (authorEmail || row.sourceUrl || row.authorName).trim().toLowerCase()
  return { ...row, avatarHash: createHash('sha256').update(seed).digest('hex') }
}
export type CommentNode = ThreadNode<PublicComment>

export async function listPostResponses(...args: [{ postId: string; maxDepth: number }]) {
  'use cache'
  const { postId, maxDepth } = cacheArgs(z.strictObject({ postId: idArg, maxDepth: threadDepthArg }), args)
  cacheTag(tags.comments(postId))
  // Comment writes and post saves revalidate this tag; nothing else changes the list.
  cacheLife('max')
  return arrangeResponses(
    await db.comment.findMany({
      where: publicResponsesWhere(postId),
      orderBy: { createdAt: 'asc' },
      select: publicCommentSelect,
    }),
    maxDepth,
  )
}

/** A protected post's responses, for a reader whose cookie unlocks it (read per request, never cached). */
export async function listUnlockedResponses({ postId, maxDepth }: { postId: string; maxDepth: number }) {
  if ((await getUnlockedBody(postId)) === null) return arrangeResponses([], maxDepth)
  return arrangeResponses(
    await db.comment.findMany({
      where: { postId, status: 'APPROVED' },
      orderBy: { createdAt: 'asc' },
      select: publicCommentSelect,
    }),
    maxDepth,
  )
}

function arrangeResponses(rows: Prisma.CommentGetPayload<{ select: typeof publicCommentSelect }>[], maxDepth: number) {
  const responses = rows.map(toPublic)
  const comments = responses.filter((r) => r.kind === 'COMMENT')
  return {
    comments: buildThread(comments, maxDepth),
    commentCount: comments.length,
    mentions: responses.filter((r) => r.kind !== 'COMMENT'),
  }
}

/** How many responses a post's comments feed carries. */
const RESPONSES_FEED_SIZE = 50

/** A post's newest approved responses of every kind, for its comments feed. */
export async function listResponsesForFeed(...args: [{ postId: string }]) {
  'use cache'
  const { postId } = cacheArgs(z.strictObject({ postId: idArg }), args)
  cacheTag(tags.comments(postId))
  // Comment writes revalidate this tag; nothing else changes the list.
  cacheLife('max')
  return db.comment.findMany({
    where: publicResponsesWhere(postId),
    orderBy: { createdAt: 'desc' },
    take: RESPONSES_FEED_SIZE,
    select: {
      id: true,
      kind: true,
      authorName: true,
      blogName: true,
      sourceTitle: true,
      html: true,
      createdAt: true,
      updatedAt: true,
    },
  })
}

/** A commenter's own held comments on a post (ids from their signed cookie), for the moderation notice. */
export async function listHeldComments({ postId, ids }: { postId: string; ids: string[] }) {
  if (ids.length === 0) return []
  return db.comment.findMany({
    where: { id: { in: ids }, postId, status: 'PENDING', kind: 'COMMENT' },
    orderBy: { createdAt: 'asc' },
    select: { id: true, authorName: true, html: true, parentId: true },
  })
}

/** One approved comment, for the no-JavaScript reply page. */
export async function getReplyTarget(...args: [{ postId: string; commentId: string }]) {
  'use cache'
  const { postId, commentId } = cacheArgs(z.strictObject({ postId: idArg, commentId: idArg }), args)
  cacheTag(tags.comments(postId))
  cacheLife('max')
  return db.comment.findFirst({
    where: { ...publicResponsesWhere(postId), id: commentId, kind: 'COMMENT' },
    select: { id: true, authorName: true, html: true },
  })
}

/**
 * Whether the comment form shows, and the time-trap token it carries. Cached until comments close (so a
 * post closes on time without a cron job), like everything else on the page.
 */
const windowArgs = z.strictObject({
  postId: idArg,
  commentsOpen: z.boolean(),
  publishedAt: instantArg.nullable(),
  closeAfterDays: closeAfterDaysArg,
})

export async function getCommentWindow(
  ...args: [
    {
      postId: string
      commentsOpen: boolean
      publishedAt: string | null
      closeAfterDays: number
    },
  ]
) {
  'use cache'
  const { postId, commentsOpen, publishedAt, closeAfterDays } = cacheArgs(windowArgs, args)
  cacheTag(tags.comments(postId))
  const now = new Date()
  const published = publishedAt ? new Date(publishedAt) : null
  const open = commentsOpenNow({ commentsOpen, publishedAt: published }, closeAfterDays, now)
  const closesAt = open && published && closeAfterDays ? closingTime(published, closeAfterDays) : null
  if (closesAt) cacheLife(lifeUntil(closesAt, { now, minSeconds: 60 }))
  else cacheLife('max')
  return { open, token: issueFormToken(postId, now.getTime()) }
}

export interface Reactions {
  likes: { name: string; handle: string; url: string | null; avatar: string | null }[]
  boosts: { name: string; handle: string; url: string | null; avatar: string | null }[]
}

/** Likes and boosts of a post from the fediverse, oldest first (lib/federation/inbox.ts stores them). */
export async function listPostReactions(...args: [{ postId: string }]): Promise<Reactions> {
  'use cache'
  const { postId } = cacheArgs(z.strictObject({ postId: idArg }), args)
  cacheTag(tags.comments(postId))
  cacheLife('max')
  const rows = await db.reaction.findMany({
    where: { postId, post: { ...visiblePostsWhere(), password: null } },
    orderBy: { createdAt: 'asc' },
    select: { kind: true, actorName: true, actorHandle: true, actorUrl: true, avatarPath: true },
  })
  const people = (kind: string) =>
    rows
      .filter((row) => row.kind === kind)
      .map((row) => ({ name: row.actorName, handle: row.actorHandle, url: row.actorUrl, avatar: row.avatarPath }))
  return { likes: people('LIKE'), boosts: people('ANNOUNCE') }
}
