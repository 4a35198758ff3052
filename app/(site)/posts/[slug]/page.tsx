import type { Metadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import { PostArticle } from '@/components/post-article'
import { PostNeighbours } from '@/components/post-neighbours'
import { PostResponses } from '@/components/post-responses'
import { UnlockedResponses } from '@/components/unlocked-responses'
import { JsonLd } from '@/components/json-ld'
import { LinkbackDiscovery } from '@/components/linkback-discovery'
import { findRedirect, getAdjacentPosts, getPublishedPost, listRecentPostSlugs } from '@/lib/posts/queries'
import { getCommentWindow, listPostReactions, listPostResponses } from '@/lib/comments/queries'
import { PostReactions } from '@/components/post-reactions'
import { submitComment } from '@/lib/comments/actions'
import { feedPaths, pageAlternates } from '@/lib/feeds/queries'
import { getSettings, getSiteUrl } from '@/lib/settings/queries'
import { blogPostingJsonLd } from '@/lib/posts/structured-data'
import { atLeastOne } from '@/lib/static-params'

// The newest posts are prerendered at build time; any other is rendered on its first visit and then cached.
export async function generateStaticParams() {
  const slugs = await listRecentPostSlugs({ limit: 20 })
  return atLeastOne(
    slugs.map((slug) => ({ slug })),
    { slug: 'hello-world' },
  )
}

/** The post's own address also answers ActivityPub (lib/federation): said in the page for fediverse software. */
async function withActivityAlternate(url: string, alternates: ReturnType<typeof pageAlternates>) {
  const { canonical, types } = await alternates
  return { canonical, types: { ...types, 'application/activity+json': url } }
}

export async function generateMetadata(props: PageProps<'/posts/[slug]'>): Promise<Metadata> {
  const { slug } = await props.params
  const post = await getPublishedPost(slug)
  if (!post) return {}
  const settings = await getSettings()
  const url = `/posts/${post.slug}`
  const feeds = feedPaths.comments(post.slug)
  return {
    title: post.title,
    description: post.excerpt,
    authors: [{ name: post.author.name, url: post.author.slug ? `/authors/${post.author.slug}` : undefined }],
    keywords: post.tags.map((t) => t.name),
    alternates: await withActivityAlternate(
      url,
      pageAlternates(url, {
        rss: [{ url: feeds.rss, title: `Comments on “${post.title}” (RSS)` }],
        atom: [{ url: feeds.atom, title: `Comments on “${post.title}” (Atom)` }],
      }),
    ),
    openGraph: {
      type: 'article',
      url,
      title: post.title,
      description: post.excerpt,
      siteName: settings.siteTitle,
      locale: settings.locale.replace('-', '_'),
      publishedTime: post.publishedAt?.toISOString(),
      modifiedTime: post.updatedAt.toISOString(),
      authors: [post.author.name],
      tags: post.tags.map((t) => t.name),
    },
    twitter: { card: 'summary_large_image', title: post.title, description: post.excerpt },
  }
}

export default async function PostPage(props: PageProps<'/posts/[slug]'>) {
  const { slug } = await props.params
  const post = await getPublishedPost(slug)
  if (!post) {
    // A changed slug or an imported permalink keeps working.
    const moved = await findRedirect(`/posts/${slug}`)
    if (moved) permanentRedirect(moved)
    notFound()
  }
  const settings = await getSettings()
  const [responses, reactions, neighbours, siteUrl, commentWindow] = await Promise.all([
    listPostResponses({ postId: post.id, maxDepth: settings.threadDepth }),
    listPostReactions({ postId: post.id }),
    getAdjacentPosts({ id: post.id, publishedAt: (post.publishedAt ?? post.createdAt).toISOString() }),
    getSiteUrl(),
    getCommentWindow({
      postId: post.id,
      commentsOpen: post.commentsOpen,
      publishedAt: post.publishedAt?.toISOString() ?? null,
      closeAfterDays: settings.closeCommentsAfterDays,
    }),
  ])
  const responseProps = {
    postId: post.id,
    slug: post.slug,
    commentWindow,
    commentAction: submitComment.bind(null, post.id),
    maxDepth: settings.threadDepth,
    commentsFeed: feedPaths.comments(post.slug).rss,
    timezone: settings.timezone,
    locale: settings.locale,
  }
  return (
    <>
      <JsonLd data={blogPostingJsonLd(post, siteUrl)} />
      <PostArticle
        post={post}
        commentCount={responses.commentCount}
        mentionCount={responses.mentions.length}
        timezone={settings.timezone}
        locale={settings.locale}
      >
        {post.isProtected ? (
          <UnlockedResponses {...responseProps} />
        ) : (
          <PostResponses
            {...responseProps}
            comments={responses.comments}
            commentCount={responses.commentCount}
            mentions={responses.mentions}
          />
        )}
        {!post.isProtected && <PostReactions reactions={reactions} />}
        <LinkbackDiscovery
          siteUrl={siteUrl}
          postUrl={`${siteUrl}/posts/${post.slug}`}
          postId={post.id}
          title={post.title}
          pingsOpen={post.pingsOpen}
        />
      </PostArticle>
      <PostNeighbours previous={neighbours.previous} next={neighbours.next} />
    </>
  )
}
