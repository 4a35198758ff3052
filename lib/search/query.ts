// Turns whatever a reader types into a safe FTS5 query: words only, each quoted, so no input is FTS syntax.

const MAX_TERMS = 12
const MAX_TERM_LENGTH = 64

/** The words of a search, as the FTS5 unicode61 tokenizer would see them (letters and digits). */
export function searchTerms(input: string): string[] {
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []
  return words.slice(0, MAX_TERMS).map((w) => w.slice(0, MAX_TERM_LENGTH))
}

/**
 * `customer serv` → `"customer" AND ("serv" OR "serv"*)`: every word must match (AND); the last may also be a
 * prefix, so results come while typing. (Prefixes are not stemmed, so the word itself is kept too: "roses"
 * must still find the stemmed "rose".) Quoting makes operators (AND, OR, NOT, NEAR, column:, ^, -) words.
 */
export function toFtsQuery(input: string): string | null {
  const terms = searchTerms(input).map((t) => `"${t.replace(/"/g, '""')}"`)
  const last = terms.pop()
  if (last === undefined) return null
  return [...terms, `(${last} OR ${last}*)`].join(' AND ')
}

/**
 * The same search for PostgreSQL's to_tsquery: `customer & (serv | serv:*)`. The terms are letters and digits
 * only (searchTerms), so none is tsquery syntax; the text still goes to the database as a bound parameter.
 */
export function toTsQuery(input: string): string | null {
  const terms = searchTerms(input).map((t) => t.toLowerCase())
  const last = terms.pop()
  if (last === undefined) return null
  return [...terms, `(${last} | ${last}:*)`].join(' & ')
}

/** Markers FTS5's snippet() puts around matches; they cannot occur in indexed text (control characters). */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

export type HighlightPart = { text: string; match: boolean }

/** Splits a snippet with markers into parts, so a component can render <mark> without any raw HTML. */
export function splitHighlights(snippet: string): HighlightPart[] {
  const parts: HighlightPart[] = []
  const re = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'g')
  let last = 0
  for (const m of snippet.matchAll(re)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), match: false })
    parts.push({ text: m[1] ?? '', match: true })
    last = m.index + m[0].length
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), match: false })
  return parts.map((p) => ({ ...p, text: p.text.replace(/[\u0002\u0003]/g, '') }))
}
