// What a reader may see, and how long a cached read of it stays true (until the next scheduled post).
import 'server-only'
import { db, Prisma } from '@/lib/db'
import { LONG_LIFE, lifeUntil } from '@/lib/cache/life'

/**
 * Live posts (or pages, or both) whose publication time has come. A scheduled post needs no cron job to go live: once its
 * time passes it matches here, and cached reads expire at that moment (see publicationLife).
 */
export function visiblePostsWhere(now = new Date(), type: PostType | PostType[] = 'POST'): Prisma.PostWhereInput {
  return {
    type: Array.isArray(type) ? { in: type } : type,
    status: { in: ['PUBLISHED', 'SCHEDULED'] },
    deletedAt: null,
    publishedAt: { lte: now },
  }
}

type PostType = 'POST' | 'PAGE'

/**
 * The cache life of a read of public posts: until the next scheduled post goes live, else as long as Next
 * allows (writes revalidate by tag). Call as `cacheLife(await publicationLife())` inside a 'use cache' scope.
 */
export async function publicationLife(now = new Date()) {
  const next = await db.post.findFirst({
    where: { status: { in: ['PUBLISHED', 'SCHEDULED'] }, deletedAt: null, publishedAt: { gt: now } },
    orderBy: { publishedAt: 'asc' },
    select: { publishedAt: true },
  })
  return next?.publishedAt ? lifeUntil(next.publishedAt, { now }) : LONG_LIFE
}
