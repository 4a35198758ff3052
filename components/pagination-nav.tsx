import Link from 'next/link'
import type { Pagination } from '@/lib/pagination'
import { pagePath } from '@/lib/pagination'

/** Newer/older links with rel=prev/next (also hoisted into <head> as <link> by React). */
export function PaginationNav({ pagination, basePath }: { pagination: Pagination; basePath: string }) {
  const { prevPage, nextPage, page, totalPages } = pagination
  if (totalPages <= 1) return null
  const prevHref = prevPage ? pagePath(basePath, prevPage) : null
  const nextHref = nextPage ? pagePath(basePath, nextPage) : null
  return (
    <nav className="pagination" aria-label="Pagination">
      {prevHref && <link rel="prev" href={prevHref} />}
      {nextHref && <link rel="next" href={nextHref} />}
      {prevHref ? (
        <Link prefetch={false} rel="prev" href={prevHref}>
          ← Newer posts
        </Link>
      ) : (
        <span />
      )}
      <span className="muted">
        Page {page} of {totalPages}
      </span>
      {nextHref ? (
        <Link prefetch={false} rel="next" href={nextHref}>
          Older posts →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
