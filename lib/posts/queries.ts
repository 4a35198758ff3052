// Public reads of posts: cached with 'use cache' and tagged so that writes revalidate exactly what changed.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db, Prisma } from '@/lib/db'
import { cacheArgs, idArg, instantArg, pageArg, pageSizeArg, slugArg } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { z } from 'zod'
import { paginate } from '@/lib/pagination'
import { publicationLife, visiblePostsWhere } from './visibility'
import { redirectPath } from './redirect-path'
import { publicPath } from './public-path'

const postCardSelect = {
  id: true,
  slug: true,
  title: true,
  excerpt: true,
  publishedAt: true,
  updatedAt: true,
  wordCount: true,
  author: { select: { name: true, slug: true } },
  tags: { select: { slug: true, name: true }, orderBy: { name: 'asc' } },
  _count: { select: { comments: { where: { status: 'APPROVED', kind: 'COMMENT' } } } },
} satisfies Prisma.PostSelect

export type PostCard = Prisma.PostGetPayload<{ select: typeof postCardSelect }>

/** Narrows a list of posts; dates are ISO strings so the filter can be a cache key. */
export interface PostFilter {
  tagSlug?: string
  authorSlug?: string
  from?: string
  to?: string
}

const listArgs = z.strictObject({
  page: pageArg,
  pageSize: pageSizeArg,
  filter: z
    .strictObject({ tagSlug: slugArg, authorSlug: slugArg, from: instantArg, to: instantArg })
    .partial()
    .default({}),
})

export async function listPublishedPosts(...args: [{ page: number; pageSize: number; filter?: PostFilter }]) {
  'use cache'
  const { page, pageSize, filter } = cacheArgs(listArgs, args)
  cacheTag(tags.posts, tags.commentCounts)
  if (filter.tagSlug) cacheTag(tags.tag(filter.tagSlug))
  cacheLife(await publicationLife())
  const where: Prisma.PostWhereInput = { ...visiblePostsWhere() }
  if (filter.tagSlug) where.tags = { some: { slug: filter.tagSlug } }
  if (filter.authorSlug) where.author = { slug: filter.authorSlug }
  if (filter.from || filter.to) {
    where.AND = [
      { publishedAt: { gte: filter.from ? new Date(filter.from) : undefined } },
      { publishedAt: { lt: filter.to ? new Date(filter.to) : undefined } },
    ]
  }
  const total = await db.post.count({ where })
  const pagination = paginate({ page, pageSize, total })
  const posts =
    page > pagination.totalPages
      ? []
      : await db.post.findMany({
          where,
          orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
          skip: pagination.offset,
          take: pagination.pageSize,
          select: postCardSelect,
        })
  return { posts, pagination }
}

const postPageSelect = {
  ...postCardSelect,
  html: true,
  featuredImage: { select: { path: true, alt: true, width: true, height: true, variants: true } },
  commentsOpen: true,
  pingsOpen: true,
  createdAt: true,
} satisfies Prisma.PostSelect

/** A public post. A password-protected one comes without its body (`html` is empty, `isProtected` set). */
export type PublishedPost = Prisma.PostGetPayload<{ select: typeof postPageSelect }> & { isProtected: boolean }

export async function getPublishedPost(...args: [slug: string]): Promise<PublishedPost | null> {
  'use cache'
  const slug = cacheArgs(slugArg, args)
  cacheTag(tags.post(slug))
  cacheLife(await publicationLife())
  const post = await db.post.findFirst({
    where: { ...visiblePostsWhere(), slug },
    select: { ...postPageSelect, password: true },
  })
  return post && withoutProtectedBody(post)
}

/** Drops the body and the password of a protected post: only the password gate may show the body. */
export function withoutProtectedBody<T extends { html: string; password: string | null }>({
  password,
  ...post
}: T): Omit<T, 'password'> & { isProtected: boolean } {
  return password ? { ...post, html: '', isProtected: true } : { ...post, isProtected: false }
}

/** The posts published just before and after this one. */
export async function getAdjacentPosts(...args: [{ id: string; publishedAt: string }]) {
  'use cache'
  const { id, publishedAt } = cacheArgs(z.strictObject({ id: idArg, publishedAt: instantArg }), args)
  cacheTag(tags.posts)
  cacheLife(await publicationLife())
  const at = new Date(publishedAt)
  const select = { slug: true, title: true } as const
  const base = visiblePostsWhere()
  const [previous, next] = await Promise.all([
    db.post.findFirst({
      where: { ...base, OR: [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: id } }] },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      select,
    }),
    db.post.findFirst({
      where: { ...base, AND: [{ OR: [{ publishedAt: { gt: at } }, { publishedAt: at, id: { gt: id } }] }] },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      select,
    }),
  ])
  return { previous, next }
}

/**
 * Where an old address of a post or page (a changed slug, an imported WordPress permalink such as
 * `/2012/01/03/slug/` or `/?p=149`) now lives. Paths are compared decoded, with or without a trailing slash.
 */
export async function findRedirect(...args: [path: string]): Promise<string | null> {
  'use cache'
  const path = cacheArgs(z.string().min(1).max(2000), args)
  cacheTag(tags.posts)
  cacheLife(await publicationLife())
  const normalized = redirectPath(path)
  const redirect = await db.redirect.findFirst({
    where: { fromPath: { in: [normalized, `${normalized}/`] }, post: visiblePostsWhere(new Date(), ['POST', 'PAGE']) },
    select: { post: { select: { slug: true, type: true } } },
  })
  if (!redirect) return null
  return publicPath(redirect.post)
}

/** Slugs of the newest posts, prerendered at build time. */
export async function listRecentPostSlugs({ limit }: { limit: number }): Promise<string[]> {
  const posts = await db.post.findMany({
    where: visiblePostsWhere(),
    orderBy: { publishedAt: 'desc' },
    take: limit,
    select: { slug: true },
  })
  return posts.map((p) => p.slug)
}

/** How many posts a feed carries. */
export const FEED_SIZE = 20

/** The newest posts with their full content, for feeds (of one tag's, given its slug). */
export async function listPostsForFeed(...args: [{ tagSlug?: string }]) {
  'use cache'
  const { tagSlug } = cacheArgs(z.strictObject({ tagSlug: slugArg.optional() }), args)
  cacheTag(tags.posts)
  if (tagSlug) cacheTag(tags.tag(tagSlug))
  cacheLife(await publicationLife())
  return db.post
    .findMany({
      where: { ...visiblePostsWhere(), ...(tagSlug ? { tags: { some: { slug: tagSlug } } } : {}) },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      take: FEED_SIZE,
      select: {
        slug: true,
        title: true,
        html: true,
        password: true,
        excerpt: true,
        publishedAt: true,
        updatedAt: true,
        author: { select: { name: true } },
        tags: { select: { name: true } },
      },
    })
    .then((posts) =>
      posts.map(({ password, ...p }) =>
        password ? { ...p, html: '<p>This post is password protected. Read it on the site.</p>' } : p,
      ),
    )
}
