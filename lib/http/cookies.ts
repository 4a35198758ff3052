// How Daisy sets its own cookies, decided in one place: Secure whenever the blog's public address is https,
// SameSite=Lax (sent on a link from elsewhere, never on another site's form post), the whole site as path, and
// HttpOnly unless the page's own script must read the cookie (then it holds nothing secret).
// (next-auth sets its session cookies itself, by the same rule: lib/auth/options.ts.)
import { siteOrigin } from '@/lib/env'

export interface CookieOptions {
  httpOnly: boolean
  sameSite: 'lax'
  secure: boolean
  path: '/'
  maxAge: number
}

export function cookieOptions(
  maxAge: number,
  { readByScript = false }: { readByScript?: boolean } = {},
): CookieOptions {
  return { httpOnly: !readByScript, sameSite: 'lax', secure: siteOrigin().startsWith('https:'), path: '/', maxAge }
}
