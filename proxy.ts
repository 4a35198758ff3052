// Request-time URL tidying only (never protection): `/?page=N` becomes the cacheable `/page/N`.
import { NextResponse, type NextRequest } from 'next/server'

export function proxy(request: NextRequest) {
  const page = request.nextUrl.searchParams.get('page')
  if (page !== null && /^[1-9]\d{0,6}$/.test(page)) {
    const url = request.nextUrl.clone()
    url.search = ''
    url.pathname = page === '1' ? '/' : `/page/${page}`
    return NextResponse.redirect(url, 308)
  }
  return NextResponse.next()
}

export const config = { matcher: '/' }
