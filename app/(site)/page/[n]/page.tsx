import type { Metadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import { PostListPage } from '@/components/post-list-page'
import { parsePageParam } from '@/lib/pagination'
import { listPublishedPosts } from '@/lib/posts/queries'
import { getSettings } from '@/lib/settings/queries'
import { pageAlternates } from '@/lib/feeds/queries'

export function generateStaticParams() {
  return [{ n: '2' }]
}

export async function generateMetadata(props: PageProps<'/page/[n]'>): Promise<Metadata> {
  const { n } = await props.params
  return { title: `Page ${n}`, alternates: await pageAlternates(`/page/${n}`) }
}

export default async function HomePageN(props: PageProps<'/page/[n]'>) {
  const { n } = await props.params
  const page = parsePageParam(n)
  if (!page) notFound()
  if (page === 1) permanentRedirect('/')
  const settings = await getSettings()
  const { posts, pagination } = await listPublishedPosts({ page, pageSize: settings.postsPerPage })
  if (page > pagination.totalPages) notFound()
  return (
    <PostListPage
      heading="Latest posts"
      posts={posts}
      pagination={pagination}
      basePath="/"
      timezone={settings.timezone}
      locale={settings.locale}
    />
  )
}
