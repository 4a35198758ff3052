// Admin reads of posts: never cached (the author sees the truth), always scoped by the caller's role.
import 'server-only'
import { db, Prisma } from '@/lib/db'
import type { CurrentUser } from '@/lib/auth/session'
import { paginate } from '@/lib/pagination'

export type AdminStatusFilter = 'all' | 'draft' | 'scheduled' | 'published' | 'trash'

export interface AdminPostFilter {
  type: 'POST' | 'PAGE'
  status: AdminStatusFilter
  tag?: string
  authorId?: string
  q?: string
  page: number
}

function statusWhere(status: AdminStatusFilter, now: Date): Prisma.PostWhereInput {
  switch (status) {
    case 'trash':
      return { deletedAt: { not: null } }
    case 'draft':
      return { deletedAt: null, status: 'DRAFT' }
    case 'scheduled':
      return { deletedAt: null, status: 'SCHEDULED', publishedAt: { gt: now } }
    case 'published':
      return { deletedAt: null, status: { in: ['PUBLISHED', 'SCHEDULED'] }, publishedAt: { lte: now } }
    default:
      return { deletedAt: null }
  }
}

/** An AUTHOR sees only their own posts; an ADMIN sees everyone's. */
function scope(user: CurrentUser): Prisma.PostWhereInput {
  return user.role === 'ADMIN' ? {} : { authorId: user.id }
}

export async function listAdminPosts(user: CurrentUser, filter: AdminPostFilter) {
  const now = new Date()
  const where: Prisma.PostWhereInput = {
    ...scope(user),
    type: filter.type,
    ...statusWhere(filter.status, now),
    ...(filter.tag ? { tags: { some: { slug: filter.tag } } } : {}),
    ...(filter.authorId ? { authorId: filter.authorId } : {}),
    ...(filter.q ? { OR: [{ title: { contains: filter.q } }, { source: { contains: filter.q } }] } : {}),
  }
  const total = await db.post.count({ where })
  const pagination = paginate({ page: filter.page, pageSize: 25, total })
  const posts = await db.post.findMany({
    where,
    orderBy: [{ updatedAt: 'desc' }],
    skip: pagination.offset,
    take: pagination.pageSize,
    select: {
      id: true,
      title: true,
      slug: true,
      status: true,
      publishedAt: true,
      updatedAt: true,
      deletedAt: true,
      author: { select: { name: true } },
      tags: { select: { name: true, slug: true } },
      _count: { select: { comments: { where: { status: 'PENDING' } } } },
    },
  })
  const counts = Object.fromEntries(
    await Promise.all(
      (['all', 'draft', 'scheduled', 'published', 'trash'] as const).map(
        async (s) =>
          [s, await db.post.count({ where: { ...scope(user), type: filter.type, ...statusWhere(s, now) } })] as const,
      ),
    ),
  ) as Record<AdminStatusFilter, number>
  return { posts, pagination, counts }
}

export async function getEditablePost(id: string) {
  return db.post.findUnique({ where: { id }, include: { tags: { select: { name: true }, orderBy: { name: 'asc' } } } })
}

export async function listRevisions(postId: string) {
  return db.revision.findMany({
    where: { postId },
    orderBy: { createdAt: 'desc' },
    include: { author: { select: { name: true } } },
  })
}

export async function listFilterChoices() {
  const [tags, authors] = await Promise.all([
    db.tag.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true } }),
    db.user.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ])
  return { tags, authors }
}
