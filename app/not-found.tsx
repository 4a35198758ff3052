import Link from 'next/link'
import { SiteChrome } from '@/components/site-chrome'

export default function NotFound() {
  return (
    <SiteChrome>
      <section className="not-found" aria-labelledby="not-found-heading">
        <h1 id="not-found-heading">Page not found</h1>
        <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <p>
          <Link prefetch={false} href="/">
            Go to the home page
          </Link>
        </p>
      </section>
    </SiteChrome>
  )
}
