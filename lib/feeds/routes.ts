// The route handlers of the per-tag and per-post feeds: each exists as RSS (feed.xml) and Atom (atom.xml),
// and the two route files of a pair differ only in the format they pass here.
import { listTagsWithCounts } from '@/lib/posts/archive'
import { listRecentPostSlugs } from '@/lib/posts/queries'
import { atLeastOne } from '@/lib/static-params'
import { feedResponse, getCommentsFeed, getPostsFeed } from './queries'
import type { FeedFormat } from './build'

type SlugContext = { params: Promise<{ slug: string }> }

/** The busiest tags' feeds are prerendered at build time; the others on first request. */
export async function tagFeedParams() {
  const all = await listTagsWithCounts()
  return atLeastOne(
    all.slice(0, 20).map((t) => ({ slug: t.slug })),
    { slug: 'untagged' },
  )
}

/** One tag's posts as a feed. */
export function tagFeed(format: FeedFormat) {
  return async function GET(_request: Request, { params }: SlugContext) {
    const { slug } = await params
    return feedResponse(await getPostsFeed({ format, tagSlug: slug }), format)
  }
}

/** The newest posts' comment feeds are prerendered at build time; the others on first request. */
export async function postCommentsFeedParams() {
  const slugs = await listRecentPostSlugs({ limit: 20 })
  return atLeastOne(
    slugs.map((slug) => ({ slug })),
    { slug: 'hello-world' },
  )
}

/** A post's approved comments and mentions as a feed. */
export function postCommentsFeed(format: FeedFormat) {
  return async function GET(_request: Request, { params }: SlugContext) {
    const { slug } = await params
    return feedResponse(await getCommentsFeed({ format, postSlug: slug }), format)
  }
}
