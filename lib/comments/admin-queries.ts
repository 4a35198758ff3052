// Admin reads of comments and mentions, scoped by role (an AUTHOR sees responses to their own posts).
import 'server-only'
import { db, Prisma } from '@/lib/db'
import type { CurrentUser } from '@/lib/auth/session'
import { paginate } from '@/lib/pagination'

export type QueueStatus = 'PENDING' | 'APPROVED' | 'SPAM' | 'TRASH'
export type QueueKind = 'all' | 'comments' | 'mentions'

export function moderationScope(user: CurrentUser): Prisma.CommentWhereInput {
  return user.role === 'ADMIN' ? {} : { post: { authorId: user.id } }
}

function kindWhere(kind: QueueKind): Prisma.CommentWhereInput {
  return kind === 'comments' ? { kind: 'COMMENT' } : kind === 'mentions' ? { kind: { not: 'COMMENT' } } : {}
}

export async function countResponses(user: CurrentUser) {
  const where = moderationScope(user)
  const [pendingComments, pendingMentions, spam] = await Promise.all([
    db.comment.count({ where: { ...where, status: 'PENDING', kind: 'COMMENT' } }),
    db.comment.count({ where: { ...where, status: 'PENDING', kind: { not: 'COMMENT' } } }),
    db.comment.count({ where: { ...where, status: 'SPAM' } }),
  ])
  const blocked = user.role === 'ADMIN' ? await db.blockedAttempt.count() : 0
  return { pendingComments, pendingMentions, spam, blocked }
}

const queueSelect = {
  id: true,
  kind: true,
  status: true,
  authorName: true,
  authorEmail: true,
  authorUrl: true,
  content: true,
  html: true,
  sourceUrl: true,
  sourceTitle: true,
  blogName: true,
  ip: true,
  userAgent: true,
  reason: true,
  parentId: true,
  createdAt: true,
  post: { select: { id: true, title: true, slug: true } },
} satisfies Prisma.CommentSelect

export type QueueItem = Prisma.CommentGetPayload<{ select: typeof queueSelect }>

export async function listResponses(user: CurrentUser, { status, take }: { status: QueueStatus; take: number }) {
  return db.comment.findMany({
    where: { ...moderationScope(user), status },
    orderBy: { createdAt: 'desc' },
    take,
    select: queueSelect,
  })
}

export interface QueueFilter {
  status: QueueStatus
  kind: QueueKind
  q?: string
  postId?: string
  page: number
}

/** The moderation queue: one status tab, one kind, optional search and post, with counts for the tabs. */
export async function listQueue(user: CurrentUser, filter: QueueFilter) {
  const base: Prisma.CommentWhereInput = {
    ...moderationScope(user),
    ...kindWhere(filter.kind),
    ...(filter.postId ? { postId: filter.postId } : {}),
    ...(filter.q
      ? {
          OR: [
            { content: { contains: filter.q } },
            { authorName: { contains: filter.q } },
            { authorEmail: { contains: filter.q } },
            { sourceUrl: { contains: filter.q } },
            { ip: { contains: filter.q } },
          ],
        }
      : {}),
  }
  const where = { ...base, status: filter.status }
  const [total, statusCounts, kindCounts] = await Promise.all([
    db.comment.count({ where }),
    db.comment.groupBy({ by: ['status'], where: base, _count: { _all: true } }),
    db.comment.groupBy({
      by: ['kind'],
      where: { ...moderationScope(user), status: filter.status },
      _count: { _all: true },
    }),
  ])
  const pagination = paginate({ page: filter.page, pageSize: 50, total })
  const items = await db.comment.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    skip: pagination.offset,
    take: pagination.pageSize,
    select: queueSelect,
  })
  const byStatus = Object.fromEntries(statusCounts.map((r) => [r.status, r._count._all])) as Partial<
    Record<QueueStatus, number>
  >
  const comments = kindCounts.find((r) => r.kind === 'COMMENT')?._count._all ?? 0
  const all = kindCounts.reduce((n, r) => n + r._count._all, 0)
  return { items, pagination, counts: { status: byStatus, kind: { all, comments, mentions: all - comments } } }
}

export async function getQueueItem(user: CurrentUser, id: string) {
  return db.comment.findFirst({ where: { ...moderationScope(user), id }, select: queueSelect })
}

export async function listCommentedPosts(user: CurrentUser) {
  return db.post.findMany({
    where: { ...(user.role === 'ADMIN' ? {} : { authorId: user.id }), comments: { some: {} } },
    orderBy: { publishedAt: 'desc' },
    take: 200,
    select: { id: true, title: true },
  })
}
