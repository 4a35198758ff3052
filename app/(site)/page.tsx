import type { Metadata } from 'next'
import { BLOG_ACTOR } from '@/lib/federation/paths'
import { PostListPage } from '@/components/post-list-page'
import { listPublishedPosts } from '@/lib/posts/queries'
import { getSettings } from '@/lib/settings/queries'
import { pageAlternates } from '@/lib/feeds/queries'

export async function generateMetadata(): Promise<Metadata> {
  const { canonical, types } = await pageAlternates('/')
  // The blog's fediverse account, for software that looks for it from the home page.
  return { alternates: { canonical, types: { ...types, 'application/activity+json': `/fediverse/${BLOG_ACTOR}` } } }
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
