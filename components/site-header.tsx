import Link from 'next/link'
import { SearchForm } from './search-form'

// Reader pages' links never prefetch (prefetch={false}): a phone should not download pages nobody asked for,
// and a click still navigates without reloading the page.
export function SiteHeader({
  title,
  tagline,
  pages,
}: {
  title: string
  tagline: string
  pages: { slug: string; title: string }[]
}) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <p className="site-title">
        <Link prefetch={false} href="/">
          {title}
        </Link>
      </p>
      {tagline && <p className="site-tagline">{tagline}</p>}
      <div className="site-header-bar">
        <nav aria-label="Site">
          <ul className="site-nav">
            <li>
              <Link prefetch={false} href="/">
                Home
              </Link>
            </li>
            <li>
              <Link prefetch={false} href="/archive">
                Archive
              </Link>
            </li>
            {pages.map((page) => (
              <li key={page.slug}>
                <Link prefetch={false} href={`/${page.slug}`}>
                  {page.title}
                </Link>
              </li>
            ))}
            <li>
              <a href="/feed.xml" type="application/rss+xml">
                Feed
              </a>
            </li>
          </ul>
        </nav>
        <SearchForm query="" compact />
      </div>
    </header>
  )
}
