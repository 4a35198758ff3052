import Link from 'next/link'

export function SiteHeader({ title, tagline }: { title: string; tagline: string }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <div className="site-header-inner">
        <p className="site-title">
          <Link href="/">{title}</Link>
        </p>
        {tagline && <p className="site-tagline">{tagline}</p>}
        <nav aria-label="Site">
          <ul className="site-nav">
            <li>
              <Link href="/">Home</Link>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  )
}
