import Link from 'next/link'
import { SearchForm } from './search-form'

export function SiteHeader({ title, tagline, pages }: { title: string; tagline: string; pages: { slug: string; title: string }[] }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <p className="site-title">
        <Link href="/">{title}</Link>
      </p>
      {tagline && <p className="site-tagline">{tagline}</p>}
      <div className="site-header-bar">
        <nav aria-label="Site">
          <ul className="site-nav">
            <li>
              <Link href="/">Home</Link>
            </li>
            <li>
              <Link href="/archive">Archive</Link>
            </li>
            {pages.map((page) => (
              <li key={page.slug}>
                <Link href={`/${page.slug}`}>{page.title}</Link>
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
