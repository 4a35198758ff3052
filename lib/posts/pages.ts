// Public reads of pages (About, Contact…): posts of type PAGE, shown in the navigation, never in lists or feeds.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db } from '@/lib/db'
import { cacheArgs, noCacheArgs, slugArg } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { publicationLife, visiblePostsWhere } from './visibility'
import { withoutProtectedBody } from './queries'

export async function listNavigationPages(...args: []) {
  'use cache'
  noCacheArgs(args)
  cacheTag(tags.posts)
  cacheLife(await publicationLife())
  return db.post.findMany({
    where: visiblePostsWhere(new Date(), 'PAGE'),
    orderBy: { title: 'asc' },
    select: { slug: true, title: true },
  })
}

export async function getPublishedPage(...args: [slug: string]) {
  'use cache'
  const slug = cacheArgs(slugArg, args)
  cacheTag(tags.post(slug))
  cacheLife(await publicationLife())
  const page = await db.post.findFirst({
    where: { ...visiblePostsWhere(new Date(), 'PAGE'), slug },
    select: {
      id: true,
      slug: true,
      title: true,
      html: true,
      password: true,
      excerpt: true,
      updatedAt: true,
      commentsOpen: true,
    },
  })
  return page && withoutProtectedBody(page)
}

export async function listPageSlugs(): Promise<string[]> {
  const pages = await db.post.findMany({ where: visiblePostsWhere(new Date(), 'PAGE'), select: { slug: true } })
  return pages.map((p) => p.slug)
}
