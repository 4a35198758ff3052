import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PostArticle } from '@/components/post-article'
import { PostResponses } from '@/components/post-responses'
import { getPublishedPost, listRecentPostSlugs } from '@/lib/posts/queries'
import { listPostResponses } from '@/lib/comments/queries'
import { getSettings } from '@/lib/settings/queries'

// The newest posts are prerendered at build time; any other is rendered on its first visit and then cached.
export async function generateStaticParams() {
  const slugs = await listRecentPostSlugs({ limit: 20 })
  // Cache Components needs one param to validate the route even on an empty blog.
  return (slugs.length ? slugs : ['hello-world']).map((slug) => ({ slug }))
}

export async function generateMetadata(props: PageProps<'/posts/[slug]'>): Promise<Metadata> {
  const { slug } = await props.params
  const post = await getPublishedPost(slug)
  if (!post) return {}
  return {
    title: post.title,
    description: post.excerpt,
    alternates: { canonical: `/posts/${post.slug}` },
  }
}

export default async function PostPage(props: PageProps<'/posts/[slug]'>) {
  const { slug } = await props.params
  const post = await getPublishedPost(slug)
  if (!post) notFound()
  const settings = await getSettings()
  const responses = await listPostResponses({ postId: post.id, maxDepth: settings.threadDepth })
  return (
    <PostArticle post={post} commentCount={responses.commentCount} timezone={settings.timezone} locale={settings.locale}>
      <PostResponses
        comments={responses.comments}
        commentCount={responses.commentCount}
        mentions={responses.mentions}
        commentsOpen={post.commentsOpen}
        timezone={settings.timezone}
        locale={settings.locale}
      />
    </PostArticle>
  )
}
