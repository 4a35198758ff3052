// Admin reads of comments and mentions, scoped by role (an AUTHOR sees responses to their own posts).
import 'server-only'
import { db, Prisma } from '@/lib/db'
import type { CurrentUser } from '@/lib/auth/session'

function scope(user: CurrentUser): Prisma.CommentWhereInput {
  return user.role === 'ADMIN' ? {} : { post: { authorId: user.id } }
}

export async function countResponses(user: CurrentUser) {
  const where = scope(user)
  const [pendingComments, pendingMentions, spam] = await Promise.all([
    db.comment.count({ where: { ...where, status: 'PENDING', kind: 'COMMENT' } }),
    db.comment.count({ where: { ...where, status: 'PENDING', kind: { not: 'COMMENT' } } }),
    db.comment.count({ where: { ...where, status: 'SPAM' } }),
  ])
  const blocked = user.role === 'ADMIN' ? await db.blockedAttempt.count() : 0
  return { pendingComments, pendingMentions, spam, blocked }
}

export async function listResponses(user: CurrentUser, { status, take }: { status: 'PENDING' | 'APPROVED' | 'SPAM' | 'TRASH'; take: number }) {
  return db.comment.findMany({
    where: { ...scope(user), status },
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      kind: true,
      status: true,
      authorName: true,
      authorEmail: true,
      authorUrl: true,
      content: true,
      sourceUrl: true,
      sourceTitle: true,
      ip: true,
      reason: true,
      createdAt: true,
      post: { select: { id: true, title: true, slug: true } },
    },
  })
}
