import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PostListPage } from '@/components/post-list-page'
import { FeedLink } from '@/components/feed-link'
import { pagePath, parsePagedRest } from '@/lib/pagination'
import { getTag, listTagsWithCounts } from '@/lib/posts/archive'
import { listPublishedPosts } from '@/lib/posts/queries'
import { feedPaths, pageAlternates } from '@/lib/feeds/queries'
import { getSettings } from '@/lib/settings/queries'
import { atLeastOne } from '@/lib/static-params'

export async function generateStaticParams() {
  const all = await listTagsWithCounts()
  return atLeastOne(
    all.slice(0, 20).map((t) => ({ slug: t.slug, rest: [] as string[] })),
    { slug: 'untagged', rest: [] },
  )
}

export async function generateMetadata(props: PageProps<'/tags/[slug]/[[...rest]]'>): Promise<Metadata> {
  const { slug, rest } = await props.params
  const [tag, page] = [await getTag(slug), parsePagedRest(rest)]
  if (!tag || !page) return {}
  const feeds = feedPaths.tag(slug)
  return {
    title: `Posts tagged “${tag.name}”${page > 1 ? ` — page ${page}` : ''}`,
    description: tag.description || `Everything written about ${tag.name}.`,
    alternates: await pageAlternates(pagePath(`/tags/${slug}`, page), {
      rss: [{ url: feeds.rss, title: `${tag.name} (RSS)` }],
      atom: [{ url: feeds.atom, title: `${tag.name} (Atom)` }],
    }),
  }
}

export default async function TagPage(props: PageProps<'/tags/[slug]/[[...rest]]'>) {
  const { slug, rest } = await props.params
  const page = parsePagedRest(rest)
  const tag = await getTag(slug)
  if (!tag || !page) notFound()
  const settings = await getSettings()
  const { posts, pagination } = await listPublishedPosts({
    page,
    pageSize: settings.postsPerPage,
    filter: { tagSlug: slug },
  })
  if (page > pagination.totalPages) notFound()
  return (
    <PostListPage
      heading={`Posts tagged “${tag.name}”`}
      intro={
        <>
          {tag.description && <p>{tag.description}</p>}
          <FeedLink href={feedPaths.tag(slug).rss} label={`Subscribe to posts tagged ${tag.name}`} />
        </>
      }
      posts={posts}
      pagination={pagination}
      basePath={`/tags/${slug}`}
      timezone={settings.timezone}
      locale={settings.locale}
    />
  )
}
