// Where to go after signing in: only a path on this site. Kept free of imports: the sign-in form uses it too.

const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/
const PROBE_ORIGIN = 'http://daisy.invalid'

/**
 * The callback as a same-origin path (pathname, query, fragment), or the fallback. Browsers drop tabs and
 * newlines from URLs and read `\` as `/`, so `/\t/evil.example` would become `//evil.example`: anything with
 * control characters or backslashes is refused, and so is anything that does not resolve to this origin.
 */
export function safeCallbackPath(raw: string | null | undefined, fallback = '/admin'): string {
  if (!raw || raw.length > 2000 || CONTROL_OR_BACKSLASH.test(raw) || !raw.startsWith('/') || raw.startsWith('//'))
    return fallback
  try {
    const url = new URL(raw, PROBE_ORIGIN)
    if (url.origin !== PROBE_ORIGIN) return fallback
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return fallback
  }
}
