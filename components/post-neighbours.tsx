import Link from 'next/link'

type Neighbour = { slug: string; title: string } | null

export function PostNeighbours({ previous, next }: { previous: Neighbour; next: Neighbour }) {
  if (!previous && !next) return null
  return (
    <nav className="post-neighbours" aria-label="More posts">
      {previous ? (
        <p>
          <span className="muted">Previous post</span>
          <br />
          <Link prefetch={false} href={`/posts/${previous.slug}`} rel="prev">
            ← {previous.title}
          </Link>
        </p>
      ) : (
        <span />
      )}
      {next ? (
        <p className="next">
          <span className="muted">Next post</span>
          <br />
          <Link prefetch={false} href={`/posts/${next.slug}`} rel="next">
            {next.title} →
          </Link>
        </p>
      ) : (
        <span />
      )}
    </nav>
  )
}
