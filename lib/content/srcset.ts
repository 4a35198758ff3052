// srcset values, read the way browsers read them (HTML § "parse a srcset attribute"), so the sanitizer can
// keep the candidates that are safe rather than judge the whole attribute by its first URL.

/** A URL the sanitizer lets through: http(s), or relative (no scheme before the first `/`, `?` or `#`). */
export function isSafeUrl(url: string): boolean {
  // Browsers drop leading controls and spaces, and tabs and newlines anywhere, before reading a scheme.
  const bare = url.replace(/[\u0000-\u0020]/g, '')
  const scheme = /^([^/?#]*?):/.exec(bare)
  return !scheme || /^https?$/i.test(scheme[1]!)
}

interface Candidate {
  url: string
  descriptors: string[]
}

const WHITESPACE = /[\t\n\f\r ]/

/** Splits a srcset into candidates; a comma may sit inside a URL, or inside a descriptor's parentheses. */
function parseSrcset(value: string): Candidate[] {
  const candidates: Candidate[] = []
  let i = 0
  while (i < value.length) {
    while (i < value.length && (WHITESPACE.test(value[i]!) || value[i] === ',')) i++
    if (i >= value.length) break
    const start = i
    while (i < value.length && !WHITESPACE.test(value[i]!)) i++
    let url = value.slice(start, i)
    const descriptors: string[] = []
    if (url.endsWith(',')) url = url.replace(/,+$/, '')
    else {
      let current = ''
      let inParens = false
      for (; i < value.length; i++) {
        const c = value[i]!
        if (inParens) {
          current += c
          if (c === ')') inParens = false
        } else if (c === ',') {
          i++
          break
        } else if (WHITESPACE.test(c)) {
          if (current) descriptors.push(current)
          current = ''
        } else {
          current += c
          if (c === '(') inParens = true
        }
      }
      if (current) descriptors.push(current)
    }
    candidates.push({ url, descriptors })
  }
  return candidates
}

/** Whether a browser would use the candidate: at most one width (with an optional height) or one density. */
function validDescriptors(descriptors: string[]): boolean {
  const seen = new Set<string>()
  for (const d of descriptors) {
    const kind = d.slice(-1)
    const number = d.slice(0, -1)
    if (seen.has(kind) || (kind === 'x' && (seen.has('w') || seen.has('h'))) || (kind !== 'x' && seen.has('x')))
      return false
    if (kind === 'w' || kind === 'h') {
      if (!/^\d+$/.test(number) || Number(number) === 0) return false
    } else if (kind === 'x') {
      if (!/^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(number)) return false
    } else return false
    seen.add(kind)
  }
  return !seen.has('h') || seen.has('w')
}

/** The srcset with only safe, usable candidates, or undefined when none is left (drop the attribute). */
export function safeSrcset(value: string): string | undefined {
  const kept = parseSrcset(value).filter((c) => c.url && isSafeUrl(c.url) && validDescriptors(c.descriptors))
  return kept.length ? kept.map((c) => [c.url, ...c.descriptors].join(' ')).join(', ') : undefined
}
