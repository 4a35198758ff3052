// What a reader may see, and how long a cached read of it stays true (until the next scheduled post).
import 'server-only'
import { db, Prisma } from '@/lib/db'

/**
 * Live posts whose publication time has come. A scheduled post needs no cron job to go live: once its
 * time passes it matches here, and cached reads expire at that moment (see publicationLife).
 */
export function visiblePostsWhere(now = new Date(), type: 'POST' | 'PAGE' = 'POST'): Prisma.PostWhereInput {
  return { type, status: { in: ['PUBLISHED', 'SCHEDULED'] }, deletedAt: null, publishedAt: { lte: now } }
}

const DAY = 24 * 60 * 60

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
  // `stale` (the browser's router cache) stays at 5 minutes: Next leaves anything staler-than-that out of
  // prerendered pages, which would turn a cached page into a failing dynamic render.
  if (!next?.publishedAt) return { stale: 300, revalidate: 30 * DAY, expire: 365 * DAY }
  const seconds = Math.max(1, Math.ceil((next.publishedAt.getTime() - now.getTime()) / 1000))
  return { stale: 300, revalidate: seconds, expire: Math.max(seconds + 60, 365 * DAY) }
}
