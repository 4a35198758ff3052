// Public reads for archive pages: tags, authors, and posts by month.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db } from '@/lib/db'
import { cacheArgs, noCacheArgs, slugArg, timezoneArg } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { z } from 'zod'
import { zonedYearMonth } from '@/lib/time-zone'
import { publicationLife, visiblePostsWhere } from './visibility'

export async function getTag(...args: [slug: string]) {
  'use cache'
  const slug = cacheArgs(slugArg, args)
  cacheTag(tags.tag(slug))
  cacheLife('max')
  return db.tag.findUnique({ where: { slug }, select: { slug: true, name: true, description: true } })
}

export async function getAuthor(...args: [slug: string]) {
  'use cache'
  const slug = cacheArgs(slugArg, args)
  cacheTag(tags.posts, tags.settings)
  cacheLife('max')
  return db.user.findUnique({ where: { slug }, select: { slug: true, name: true, bio: true, avatarUrl: true } })
}

/** Tags that have at least one visible post, with counts, for the tag index and the sitemap. */
export async function listTagsWithCounts(...args: []) {
  'use cache'
  noCacheArgs(args)
  cacheTag(tags.posts)
  cacheLife(await publicationLife())
  const rows = await db.tag.findMany({
    where: { posts: { some: visiblePostsWhere() } },
    select: { slug: true, name: true, _count: { select: { posts: { where: visiblePostsWhere() } } } },
    orderBy: { name: 'asc' },
  })
  return rows.map((t) => ({ slug: t.slug, name: t.name, count: t._count.posts }))
}

/** Months that have posts, newest first, counted in the site's time zone. */
export async function listArchiveMonths(...args: [{ timezone: string }]) {
  'use cache'
  const { timezone } = cacheArgs(z.strictObject({ timezone: timezoneArg }), args)
  cacheTag(tags.posts)
  cacheLife(await publicationLife())
  const counts = new Map<string, { year: number; month: number; count: number }>()
  // Only the dates are read; grouping happens here because SQLite knows no time zones.
  const rows = await db.post.findMany({ where: visiblePostsWhere(), select: { publishedAt: true } })
  for (const { publishedAt } of rows) {
    if (!publishedAt) continue
    const { year, month } = zonedYearMonth(publishedAt, timezone)
    const key = `${year}-${month}`
    const entry = counts.get(key) ?? { year, month, count: 0 }
    entry.count++
    counts.set(key, entry)
  }
  return [...counts.values()].sort((a, b) => b.year - a.year || b.month - a.month)
}

export async function listAuthorSlugs(): Promise<string[]> {
  const users = await db.user.findMany({
    where: { slug: { not: null }, posts: { some: visiblePostsWhere() } },
    select: { slug: true },
  })
  return users.flatMap((u) => (u.slug ? [u.slug] : []))
}

/** How many posts sitemap.xml lists, newest first: one file holds 50,000 addresses, pages and tags included. */
const SITEMAP_POSTS = 49_000

/** Everything public for sitemap.xml: posts and pages (newest first, capped) and tags. */
export async function listSitemapEntries(...args: []) {
  'use cache'
  noCacheArgs(args)
  cacheTag(tags.posts)
  cacheLife(await publicationLife())
  const now = new Date()
  const [posts, pages, tagRows] = await Promise.all([
    db.post.findMany({
      where: visiblePostsWhere(now),
      orderBy: { publishedAt: 'desc' },
      take: SITEMAP_POSTS,
      select: { slug: true, updatedAt: true },
    }),
    db.post.findMany({ where: visiblePostsWhere(now, 'PAGE'), select: { slug: true, updatedAt: true } }),
    listTagsWithCounts(),
  ])
  return {
    latest: posts[0]?.updatedAt,
    posts: [
      ...posts.map((p) => ({ path: `/posts/${p.slug}`, updatedAt: p.updatedAt })),
      ...pages.map((p) => ({ path: `/${p.slug}`, updatedAt: p.updatedAt })),
    ],
    tags: tagRows,
  }
}
