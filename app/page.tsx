import { PostCard } from '@/components/post-card'
import { listPublishedPosts } from '@/lib/posts/queries'
import { getSettings } from '@/lib/settings/queries'

export default async function HomePage() {
  const settings = await getSettings()
  const { posts } = await listPublishedPosts({ page: 1, pageSize: settings.postsPerPage })
  return (
    <section aria-labelledby="home-heading" className="post-list">
      <h1 id="home-heading" className="visually-hidden">
        Latest posts
      </h1>
      {posts.length === 0 ? (
        <p>Nothing has been published yet.</p>
      ) : (
        posts.map((post) => <PostCard key={post.id} post={post} timezone={settings.timezone} locale={settings.locale} />)
      )}
    </section>
  )
}
