// The names Daisy's front door (server/) and the app both use, in one place so the two cannot drift apart.
// server/ imports this file natively (Node's type stripping): no path aliases here, no imports at all.

/** The header with which Daisy's own processes (the front door, instrumentation, scripts) call its internal routes. */
export const WORKER_HEADER = 'x-daisy-worker'

/** The request header the front door writes the client's address into; never taken from a client. */
export const CLIENT_IP_HEADER = 'x-daisy-client-ip'

/** next-auth's session cookie: the `__Secure-` name when the site is served over https, else the plain one. */
export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const

/** A browser that signed in to an account before (lib/auth/device.ts). */
export const DEVICE_COOKIE = 'daisy_device'

/** A post's unlock cookie is this followed by the post's id (lib/posts/protection.ts). */
export const UNLOCK_COOKIE_PREFIX = 'daisy_pass_'

/**
 * Cookies under which a page is rendered for one person: any of next-auth's (a session, or a sign-in under
 * way), an unlocked post, Next's draft mode. A request carrying one is never answered from a shared cache.
 */
export const PERSONAL_COOKIE = new RegExp(
  `(?:^|;\\s*)(?:(?:__Secure-|__Host-)?next-auth\\.|${UNLOCK_COOKIE_PREFIX}|__prerender_bypass|__next_preview_data)`,
)

/** A Cookie header's pairs (the first of a repeated name wins, as browsers send the most specific first). */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const pair of (header ?? '').split(/;\s*/)) {
    const at = pair.indexOf('=')
    if (at <= 0) continue
    const name = pair.slice(0, at).trim()
    if (cookies.has(name)) continue
    try {
      cookies.set(name, decodeURIComponent(pair.slice(at + 1).trim()))
    } catch {
      cookies.set(name, pair.slice(at + 1).trim())
    }
  }
  return cookies
}

/** The session token a Cookie header carries, if any (not yet checked: lib/auth/session-cookie.ts decodes it). */
export function sessionTokenOf(header: string | null | undefined): string | undefined {
  const cookies = parseCookies(header)
  for (const name of SESSION_COOKIES) {
    const token = cookies.get(name)
    if (token) return token
  }
  return undefined
}
