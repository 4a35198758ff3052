// Public reads of a post's approved responses: threaded comments, and mentions (linkbacks) apart.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db, Prisma } from '@/lib/db'
import { tags } from '@/lib/cache-tags'
import { buildThread, type ThreadNode } from './thread'

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
} satisfies Prisma.CommentSelect

export type PublicComment = Prisma.CommentGetPayload<{ select: typeof publicCommentSelect }>
export type CommentNode = ThreadNode<PublicComment>

export async function listPostResponses({ postId, maxDepth }: { postId: string; maxDepth: number }) {
  'use cache'
  cacheTag(tags.comments(postId))
  // Comment writes revalidate this tag; nothing else changes the list.
  cacheLife('max')
  const rows = await db.comment.findMany({
    where: { postId, status: 'APPROVED' },
    orderBy: { createdAt: 'asc' },
    select: publicCommentSelect,
  })
  const comments = rows.filter((r) => r.kind === 'COMMENT')
  return {
    comments: buildThread(comments, maxDepth),
    commentCount: comments.length,
    mentions: rows.filter((r) => r.kind !== 'COMMENT'),
  }
}

/** A post's newest approved responses of every kind, for its comments feed. */
export async function listResponsesForFeed({ postId, limit }: { postId: string; limit: number }) {
  'use cache'
  cacheTag(tags.comments(postId))
  // Comment writes revalidate this tag; nothing else changes the list.
  cacheLife('max')
  return db.comment.findMany({
    where: { postId, status: 'APPROVED' },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, kind: true, authorName: true, blogName: true, sourceTitle: true, html: true, createdAt: true, updatedAt: true },
  })
}
