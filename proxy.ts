// Request-time URL tidying only (never protection): pagination and search queries become cacheable paths.
import { NextResponse, type NextRequest } from 'next/server'
import { searchTerms } from '@/lib/search/query'

const PAGE = /^[1-9]\d{0,6}$/

export function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl
  const page = searchParams.get('page')

  if (pathname === '/search') {
    // Equivalent queries ("Customer  SERVICE!") share one path, and so one cache entry.
    const terms = searchTerms(searchParams.get('q') ?? '').map((t) => t.toLowerCase())
    if (terms.length === 0) return NextResponse.next()
    const url = request.nextUrl.clone()
    url.search = ''
    url.pathname = `/search/${terms.map(encodeURIComponent).join('+')}${page && PAGE.test(page) && page !== '1' ? `/${page}` : ''}`
    return NextResponse.rewrite(url)
  }

  // `/?page=N` → the canonical `/page/N`.
  if (page !== null && PAGE.test(page)) {
    const url = request.nextUrl.clone()
    url.search = ''
    url.pathname = page === '1' ? '/' : `/page/${page}`
    return NextResponse.redirect(url, 308)
  }
  return NextResponse.next()
}

export const config = { matcher: ['/', '/search'] }
