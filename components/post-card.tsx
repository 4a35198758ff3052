import Link from 'next/link'
import type { PostCard as PostCardData } from '@/lib/posts/queries'
import { PostMeta } from './post-meta'

export function PostCard({ post, timezone, locale }: { post: PostCardData; timezone: string; locale: string }) {
  const href = `/posts/${post.slug}`
  return (
    <article className="post-card" aria-labelledby={`post-${post.id}`}>
      <h2 id={`post-${post.id}`} className="post-card-title">
        <Link prefetch={false} href={href}>
          {post.title}
        </Link>
      </h2>
      <PostMeta
        publishedAt={post.publishedAt}
        authorName={post.author.name}
        wordCount={post.wordCount}
        commentCount={post._count.comments}
        commentsHref={`${href}#comments`}
        timezone={timezone}
        locale={locale}
      />
      <p className="post-card-excerpt">{post.excerpt}</p>
      <p>
        <Link prefetch={false} href={href} className="read-more">
          Continue reading<span className="visually-hidden"> “{post.title}”</span>
        </Link>
      </p>
    </article>
  )
}
