// Public reads of posts: cached with 'use cache' and tagged so that writes revalidate exactly what changed.
import 'server-only'
import { cacheTag } from 'next/cache'
import { db, Prisma } from '@/lib/db'
import { tags } from '@/lib/cache-tags'

/** What a reader may see: live (not trashed) posts whose publication time has come. */
function visiblePosts(now = new Date()): Prisma.PostWhereInput {
  return { type: 'POST', status: 'PUBLISHED', deletedAt: null, publishedAt: { lte: now } }
}

const postCardSelect = {
  id: true,
  slug: true,
  title: true,
  excerpt: true,
  publishedAt: true,
  wordCount: true,
  author: { select: { name: true } },
  tags: { select: { slug: true, name: true }, orderBy: { name: 'asc' } },
  _count: { select: { comments: { where: { status: 'APPROVED', kind: 'COMMENT' } } } },
} satisfies Prisma.PostSelect

export type PostCard = Prisma.PostGetPayload<{ select: typeof postCardSelect }>

export async function listPublishedPosts({ page, pageSize }: { page: number; pageSize: number }) {
  'use cache'
  cacheTag(tags.posts)
  const where = visiblePosts()
  const [posts, total] = await db.$transaction([
    db.post.findMany({
      where,
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: postCardSelect,
    }),
    db.post.count({ where }),
  ])
  return { posts, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) }
}

const postPageSelect = {
  ...postCardSelect,
  html: true,
  commentsOpen: true,
  pingsOpen: true,
  updatedAt: true,
} satisfies Prisma.PostSelect

export type PublishedPost = Prisma.PostGetPayload<{ select: typeof postPageSelect }>

export async function getPublishedPost(slug: string): Promise<PublishedPost | null> {
  'use cache'
  cacheTag(tags.post(slug))
  return db.post.findFirst({ where: { ...visiblePosts(), slug }, select: postPageSelect })
}

/** Slugs of the newest posts, prerendered at build time. */
export async function listRecentPostSlugs({ limit }: { limit: number }): Promise<string[]> {
  const posts = await db.post.findMany({
    where: visiblePosts(),
    orderBy: { publishedAt: 'desc' },
    take: limit,
    select: { slug: true },
  })
  return posts.map((p) => p.slug)
}
