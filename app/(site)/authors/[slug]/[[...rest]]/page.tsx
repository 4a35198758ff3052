import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PostListPage } from '@/components/post-list-page'
import { pagePath, parsePagedRest } from '@/lib/pagination'
import { getAuthor, listAuthorSlugs } from '@/lib/posts/archive'
import { listPublishedPosts } from '@/lib/posts/queries'
import { getSettings, getSiteUrl } from '@/lib/settings/queries'
import { authorHandle } from '@/lib/federation/handles'
import { pageAlternates } from '@/lib/feeds/queries'
import { atLeastOne } from '@/lib/static-params'

export async function generateStaticParams() {
  const slugs = await listAuthorSlugs()
  return atLeastOne(
    slugs.map((slug) => ({ slug, rest: [] as string[] })),
    { slug: 'nobody', rest: [] },
  )
}

export async function generateMetadata(props: PageProps<'/authors/[slug]/[[...rest]]'>): Promise<Metadata> {
  const { slug, rest } = await props.params
  const [author, page] = [await getAuthor(slug), parsePagedRest(rest)]
  if (!author || !page) return {}
  return {
    title: `Posts by ${author.name}${page > 1 ? ` — page ${page}` : ''}`,
    description: author.bio || `Everything written by ${author.name}.`,
    alternates: await pageAlternates(pagePath(`/authors/${slug}`, page)),
  }
}

export default async function AuthorPage(props: PageProps<'/authors/[slug]/[[...rest]]'>) {
  const { slug, rest } = await props.params
  const page = parsePagedRest(rest)
  const author = await getAuthor(slug)
  if (!author || !page) notFound()
  const [settings, siteUrl] = await Promise.all([getSettings(), getSiteUrl()])
  // Their own fediverse account (lib/federation/authors.ts): followed, it boosts each of their posts.
  const handle = `@${authorHandle(slug)}@${new URL(siteUrl).host}`
  const { posts, pagination } = await listPublishedPosts({
    page,
    pageSize: settings.postsPerPage,
    filter: { authorSlug: slug },
  })
  if (page > pagination.totalPages) notFound()
  return (
    <PostListPage
      heading={`Posts by ${author.name}`}
      intro={
        <>
          {author.bio && <p>{author.bio}</p>}
          <p className="fediverse-follow">
            Follow {author.name} on the fediverse: <code className="fediverse-handle">{handle}</code>
          </p>
        </>
      }
      posts={posts}
      pagination={pagination}
      basePath={`/authors/${slug}`}
      timezone={settings.timezone}
      locale={settings.locale}
    />
  )
}
