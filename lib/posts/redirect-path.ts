// How an old address is stored in and looked up from the Redirect table: decoded, without a trailing slash
// (the lookup tries both), query kept only for WordPress's `?p=` and `?page_id=` shortlinks; and how the moved
// routes read the address they were handed.

function decode(path: string): string {
  try {
    return decodeURI(path)
  } catch {
    return path
  }
}

/** "/2012/01/03/caf%C3%A9/" → "/2012/01/03/café"; "/?p=149" stays as is. */
export function redirectPath(path: string): string {
  const [pathname = '/', query] = path.split('?', 2)
  const clean = decode(pathname).replace(/\/+$/, '') || '/'
  return query ? `${clean}?${query}` : clean
}

/** The paths an imported WordPress item answered at: its permalink and its `?p=`/`?page_id=` shortlink. */
export function legacyPaths(link: string, wpId: string, type: 'POST' | 'PAGE'): string[] {
  const paths = new Set<string>()
  try {
    const url = new URL(link)
    const shortlink = url.searchParams.get('p') ?? url.searchParams.get('page_id')
    if (shortlink) paths.add(`/?${url.searchParams.has('p') ? 'p' : 'page_id'}=${shortlink}`)
    else if (url.pathname !== '/') paths.add(redirectPath(url.pathname))
  } catch {
    // No usable permalink: the shortlink below still works.
  }
  // WordPress answers /?p=ID for every item, and /?page_id=ID for pages.
  if (/^\d+$/.test(wpId)) {
    paths.add(`/?p=${wpId}`)
    if (type === 'PAGE') paths.add(`/?page_id=${wpId}`)
  }
  return [...paths]
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * The segments of the moved routes' `[...path]` (percent-encoded) as the decoded address findRedirect looks
 * up: "2012/01/03/caf%C3%A9" → "/2012/01/03/café"; `_q/<query>` is a `/?p=N` shortlink (proxy.ts) → "/?p=N".
 */
export function oldPath(segments: string[]): string {
  const [first, ...rest] = segments
  if (first === '_q' && rest.length === 1) return `/?${decodeSegment(rest[0]!)}`
  return `/${segments.map(decodeSegment).join('/')}`
}
