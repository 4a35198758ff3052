// Addresses taken from what other servers send.

/** Addresses kept: http(s) and no longer than any real one. */
const MAX_URL = 2048

/** An address from another server, if it is one worth keeping (http(s), bounded); else null. */
export function keptUrl(value: URL | string | null | undefined): string | null {
  if (!value) return null
  const href = typeof value === 'string' ? value : value.href
  if (href.length > MAX_URL || !/^https?:\/\//i.test(href)) return null
  return href
}
