import type { Metadata } from 'next'
import { PostListPage } from '@/components/post-list-page'
import { listPublishedPosts } from '@/lib/posts/queries'
import { getSettings } from '@/lib/settings/queries'
import { pageAlternates } from '@/lib/feeds/queries'

export async function generateMetadata(): Promise<Metadata> {
  return { alternates: await pageAlternates('/') }
}

export default async function HomePage() {
  const settings = await getSettings()
  const { posts, pagination } = await listPublishedPosts({ page: 1, pageSize: settings.postsPerPage })
  return (
    <PostListPage
      heading="Latest posts"
      headingHidden
      posts={posts}
      pagination={pagination}
      basePath="/"
      timezone={settings.timezone}
      locale={settings.locale}
    />
  )
}
