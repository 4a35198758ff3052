// Request-time URL tidying (pagination and search become cacheable paths), and sending anonymous visitors of
// /admin to the sign-in page with a real redirect. This is comfort, never protection: every admin page and
// action checks the session itself (lib/auth/session.ts).
import { NextResponse, type NextRequest } from 'next/server'
import { hasSession } from '@/lib/auth/session-cookie'
import { searchTerms } from '@/lib/search/query'

const PAGE = /^[1-9]\d{0,6}$/

export async function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl

  if (pathname === '/admin' || pathname.startsWith('/admin/')) {
    if (await hasSession(request.headers.get('cookie'))) return NextResponse.next()
    const url = request.nextUrl.clone()
    url.pathname = '/login'
    url.search = `?callbackUrl=${encodeURIComponent(pathname + request.nextUrl.search)}`
    return NextResponse.redirect(url, 307)
  }

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

  // WordPress's reply links: without JavaScript they open the reply page.
  const replyTo = searchParams.get('replytocom')
  if (pathname.startsWith('/posts/') && replyTo && /^[\w-]{1,40}$/.test(replyTo)) {
    // A plain URL: a clone of nextUrl would put back the trailing slash `/posts/x/?replytocom=` came with
    // (next.config.mjs lets such addresses through, skipTrailingSlashRedirect).
    return NextResponse.rewrite(new URL(`${pathname.replace(/\/+$/, '')}/reply/${replyTo}`, request.url))
  }

  // WordPress shortlinks of imported posts and pages: `/?p=149`, `/?page_id=2`.
  const shortlink =
    pathname === '/'
      ? (['p', 'page_id'] as const).find((key) => /^\d{1,12}$/.test(searchParams.get(key) ?? ''))
      : undefined
  if (shortlink) {
    const url = request.nextUrl.clone()
    url.search = ''
    url.pathname = `/moved/_q/${encodeURIComponent(`${shortlink}=${searchParams.get(shortlink)}`)}`
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

// Only requests that need it reach the proxy: cached pages are served without running any code here.
export const config = {
  matcher: [
    { source: '/', has: [{ type: 'query', key: 'page' }] },
    { source: '/', has: [{ type: 'query', key: 'p' }] },
    { source: '/', has: [{ type: 'query', key: 'page_id' }] },
    { source: '/posts/:slug', has: [{ type: 'query', key: 'replytocom' }] },
    '/search',
    '/admin',
    '/admin/:path*',
  ],
}
