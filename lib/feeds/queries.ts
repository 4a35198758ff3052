// The blog's feeds as XML strings, cached and tagged like the pages they follow.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { cacheArgs, slugArg } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { z } from 'zod'
import { getSettings, getSiteUrl } from '@/lib/settings/queries'
import { getPublishedPost, listPostsForFeed } from '@/lib/posts/queries'
import { getTag } from '@/lib/posts/archive'
import { listResponsesForFeed } from '@/lib/comments/queries'
import { publicationLife } from '@/lib/posts/visibility'
import { buildFeed, type FeedFormat } from './build'

export const feedPaths = {
  site: { rss: '/feed.xml', atom: '/atom.xml' },
  tag: (slug: string) => ({ rss: `/tags/${slug}/feed.xml`, atom: `/tags/${slug}/atom.xml` }),
  comments: (slug: string) => ({ rss: `/posts/${slug}/comments/feed.xml`, atom: `/posts/${slug}/comments/atom.xml` }),
}

/** The site feed, or one tag's feed; null for an unknown tag. */
export async function getPostsFeed(...args: [{ format: FeedFormat; tagSlug?: string }]): Promise<string | null> {
  'use cache'
  const { format, tagSlug } = cacheArgs(
    z.strictObject({ format: z.enum(['rss', 'atom']), tagSlug: slugArg.optional() }),
    args,
  )
  cacheTag(tags.posts, tags.settings)
  cacheLife(await publicationLife())
  const tag = tagSlug ? await getTag(tagSlug) : null
  if (tagSlug && !tag) return null
  const [settings, origin, posts] = await Promise.all([getSettings(), getSiteUrl(), listPostsForFeed({ tagSlug })])
  const paths = tagSlug ? feedPaths.tag(tagSlug) : feedPaths.site
  return buildFeed(
    format,
    {
      title: tag ? `${settings.siteTitle} — ${tag.name}` : settings.siteTitle,
      description: tag ? tag.description || `Posts tagged ${tag.name}` : settings.tagline || settings.siteTitle,
      origin,
      pagePath: tagSlug ? `/tags/${tagSlug}` : '/',
      rssPath: paths.rss,
      atomPath: paths.atom,
      language: settings.locale,
    },
    posts.map((p) => ({
      path: `/posts/${p.slug}`,
      title: p.title,
      date: p.publishedAt ?? p.updatedAt,
      updated: p.updatedAt > (p.publishedAt ?? p.updatedAt) ? p.updatedAt : undefined,
      html: p.html,
      summary: p.excerpt,
      authorName: p.author.name,
      categories: p.tags.map((t) => t.name),
    })),
  )
}

const KIND_VERB = {
  COMMENT: 'Comment',
  TRACKBACK: 'Trackback',
  PINGBACK: 'Pingback',
  WEBMENTION: 'Mention',
  FEDIVERSE: 'Mention',
} as const

/** A post's approved comments and mentions; null when the post is not public. */
export async function getCommentsFeed(...args: [{ format: FeedFormat; postSlug: string }]): Promise<string | null> {
  'use cache'
  const { format, postSlug } = cacheArgs(z.strictObject({ format: z.enum(['rss', 'atom']), postSlug: slugArg }), args)
  cacheTag(tags.post(postSlug), tags.settings)
  cacheLife(await publicationLife())
  const post = await getPublishedPost(postSlug)
  // A protected post's comments are for readers who know its password.
  if (!post || post.isProtected) return null
  const [settings, origin, responses] = await Promise.all([
    getSettings(),
    getSiteUrl(),
    listResponsesForFeed({ postId: post.id }),
  ])
  const paths = feedPaths.comments(postSlug)
  return buildFeed(
    format,
    {
      title: `Comments on “${post.title}” — ${settings.siteTitle}`,
      description: `Comments and mentions of “${post.title}”`,
      origin,
      pagePath: `/posts/${postSlug}`,
      rssPath: paths.rss,
      atomPath: paths.atom,
      language: settings.locale,
      updated: responses[0]?.createdAt ?? post.publishedAt ?? undefined,
    },
    responses.map((c) => ({
      path: `/posts/${postSlug}#comment-${c.id}`,
      title: `${KIND_VERB[c.kind]} by ${c.kind === 'COMMENT' ? c.authorName : c.sourceTitle || c.blogName || c.authorName}`,
      date: c.createdAt,
      html: c.html,
      authorName: c.authorName,
    })),
  )
}

export function feedResponse(xml: string | null, format: FeedFormat): Response {
  if (xml === null)
    return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  const type = format === 'rss' ? 'application/rss+xml' : 'application/atom+xml'
  return new Response(xml, { headers: { 'content-type': `${type}; charset=utf-8` } })
}

type FeedLink = { url: string; title: string }

/**
 * A page's `alternates` metadata: its canonical URL and the feeds to discover from it. Next merges metadata
 * shallowly, so a page that sets a canonical URL must repeat the site feeds; this helper does that.
 */
export async function pageAlternates(canonical: string, extra: { rss?: FeedLink[]; atom?: FeedLink[] } = {}) {
  const { siteTitle } = await getSettings()
  return {
    canonical,
    types: {
      'application/rss+xml': [...(extra.rss ?? []), { url: feedPaths.site.rss, title: `${siteTitle} (RSS)` }],
      'application/atom+xml': [...(extra.atom ?? []), { url: feedPaths.site.atom, title: `${siteTitle} (Atom)` }],
    },
  }
}
