import type { PostCard as PostCardData } from '@/lib/posts/queries'
import type { Pagination } from '@/lib/pagination'
import { PostCard } from './post-card'
import { PaginationNav } from './pagination-nav'

interface Props {
  heading: string
  /** Hide the heading visually (the home page, where the site title says it). */
  headingHidden?: boolean
  intro?: React.ReactNode
  posts: PostCardData[]
  pagination: Pagination
  basePath: string
  timezone: string
  locale: string
}

/** A titled, paginated list of post cards: home, tag, author and date archives. */
export function PostListPage({ heading, headingHidden, intro, posts, pagination, basePath, timezone, locale }: Props) {
  const pageSuffix = pagination.page > 1 ? ` — page ${pagination.page}` : ''
  return (
    <section aria-labelledby="list-heading" className="post-list">
      <header className={headingHidden ? undefined : 'list-header'}>
        <h1 id="list-heading" className={headingHidden && pagination.page === 1 ? 'visually-hidden' : undefined}>
          {heading}
          {pageSuffix}
        </h1>
        {intro}
      </header>
      {posts.length === 0 ? (
        <p>Nothing has been published here yet.</p>
      ) : (
        posts.map((post) => <PostCard key={post.id} post={post} timezone={timezone} locale={locale} />)
      )}
      <PaginationNav pagination={pagination} basePath={basePath} />
    </section>
  )
}
