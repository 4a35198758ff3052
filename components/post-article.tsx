import Link from 'next/link'
import type { PublishedPost } from '@/lib/posts/queries'
import { PostMeta } from './post-meta'
import { PostBody } from './post-body'

export interface PostArticleProps {
  post: PublishedPost
  commentCount: number
  mentionCount?: number
  timezone: string
  locale: string
  children?: React.ReactNode
}

/** A post as readers see it: header, the stored sanitized HTML, tags; responses come as children. */
export function PostArticle({ post, commentCount, mentionCount, timezone, locale, children }: PostArticleProps) {
  return (
    <article className="post" aria-labelledby="post-title">
      <header className="post-header">
        <h1 id="post-title">{post.title}</h1>
        <PostMeta
          publishedAt={post.publishedAt}
          authorName={post.author.name}
          wordCount={post.wordCount}
          commentCount={commentCount}
          mentionCount={mentionCount}
          commentsHref="#comments"
          timezone={timezone}
          locale={locale}
        />
      </header>
      {post.featuredImage && <FeaturedImage image={post.featuredImage} />}
      <PostBody post={post}>
        <Tags post={post} />
        {children}
      </PostBody>
    </article>
  )
}

function Tags({ post }: { post: PublishedPost }) {
  return (
    <>
      {post.tags.length > 0 && (
        <footer className="post-footer">
          <h2 className="visually-hidden">Tags</h2>
          <ul className="tag-list">
            {post.tags.map((tag) => (
              <li key={tag.slug}>
                <Link prefetch={false} href={`/tags/${tag.slug}`}>
                  #{tag.name}
                </Link>
              </li>
            ))}
          </ul>
        </footer>
      )}
    </>
  )
}

function FeaturedImage({ image }: { image: NonNullable<PublishedPost['featuredImage']> }) {
  const variants = JSON.parse(image.variants) as { width: number; path: string }[]
  const srcSet = [
    ...variants.map((v) => `/media/${v.path} ${v.width}w`),
    ...(image.width ? [`/media/${image.path} ${image.width}w`] : []),
  ].join(', ')
  return (
    <figure className="featured-image">
      {/* eslint-disable-next-line @next/next/no-img-element -- sizes were generated at upload */}
      <img
        src={`/media/${image.path}`}
        srcSet={srcSet || undefined}
        sizes="(max-width: 42rem) 100vw, 42rem"
        alt={image.alt}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
      />
    </figure>
  )
}
