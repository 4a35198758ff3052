import Link from 'next/link'
import type { Pagination } from '@/lib/pagination'
import type { SearchHit } from '@/lib/search/queries'
import { splitHighlights } from '@/lib/search/query'
import { formatDate } from '@/lib/format'

interface Props {
  query: string
  hits: SearchHit[]
  pagination: Pagination
  timezone: string
  locale: string
}

/** Ranked results with highlighted snippets; highlights are React elements, never raw HTML. */
export function SearchResults({ query, hits, pagination, timezone, locale }: Props) {
  if (!query.trim()) return <p className="muted">Type a word or two to search every post.</p>
  // Links keep the readable ?q= form; proxy.ts maps it onto the cached route.
  const pageHref = (page: number) =>
    `/search?${new URLSearchParams({ q: query, ...(page > 1 ? { page: String(page) } : {}) })}`
  return (
    <div aria-live="polite">
      <p className="muted" role="status">
        {pagination.total === 0
          ? 'No posts match your search.'
          : `${pagination.total} ${pagination.total === 1 ? 'post matches' : 'posts match'} your search.`}
      </p>
      <ol className="search-results">
        {hits.map((hit) => (
          <li key={hit.slug}>
            <h2 className="search-hit-title">
              <Link prefetch={false} href={`/posts/${hit.slug}`}>
                <Highlighted text={hit.titleHighlighted} />
              </Link>
            </h2>
            <p className="post-meta">
              <time dateTime={hit.publishedAt.toISOString()}>{formatDate(hit.publishedAt, { timezone, locale })}</time>
            </p>
            <p>
              <Highlighted text={hit.snippet} />
            </p>
          </li>
        ))}
      </ol>
      {pagination.totalPages > 1 && (
        <nav className="pagination" aria-label="Search results pages">
          {pagination.prevPage ? (
            <Link prefetch={false} href={pageHref(pagination.prevPage)} rel="prev">
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="muted">
            Page {pagination.page} of {pagination.totalPages}
          </span>
          {pagination.nextPage ? (
            <Link prefetch={false} href={pageHref(pagination.nextPage)} rel="next">
              Next →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  )
}

function Highlighted({ text }: { text: string }) {
  return (
    <>
      {splitHighlights(text).map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  )
}
