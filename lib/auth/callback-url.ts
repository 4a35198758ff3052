// Where to go after signing in: only a path on this site. Kept free of imports: the sign-in form uses it too.

const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/
/** Encoded slashes, backslashes, dots and percent signs: no path Daisy links to has them, every trick does. */
const ENCODED_TRICK = /%(?:2f|5c|2e|25|0|1|7f)/i
const PROBE_ORIGIN = 'http://daisy.invalid'

/**
 * The callback as a same-origin path (pathname, query, fragment), or the fallback. Decided on the parsed URL,
 * never on the string: the callback is resolved against `origin` (this site's; a made-up one when only paths
 * are welcome), must keep that origin, and what comes out must still be a plain path once a browser, a proxy
 * or a router has resolved and decoded it again — `/..//evil.example` resolves to `//evil.example` (another
 * host to a browser), `/%2Fevil.example` decodes to it. Browsers drop tabs and newlines from URLs and read
 * `\` as `/`, so control characters and backslashes are refused before parsing.
 */
export function safeCallbackPath(raw: string | null | undefined, fallback = '/admin', origin?: string): string {
  if (!raw || raw.length > 2000 || CONTROL_OR_BACKSLASH.test(raw)) return fallback
  const base = origin ? parseUrl(origin)?.origin : PROBE_ORIGIN
  if (!base || base === 'null') return fallback
  // A path, or (given this site's origin) an absolute URL on it; `//host` is another host, not a path.
  if (!raw.startsWith('/') && !origin) return fallback
  const url = parseUrl(raw, base)
  if (!url || url.origin !== base || url.username || url.password) return fallback
  const path = `${url.pathname}${url.search}${url.hash}`
  if (url.pathname.startsWith('//') || ENCODED_TRICK.test(url.pathname)) return fallback
  // The same path parsed again is itself: nothing left for a second resolution to change.
  const again = parseUrl(path, base)
  if (!again || again.origin !== base || `${again.pathname}${again.search}${again.hash}` !== path) return fallback
  return path
}

function parseUrl(value: string, base?: string): URL | null {
  try {
    return new URL(value, base)
  } catch {
    return null
  }
}
