// Does the source page really link to the target? Parsed with a real HTML parser (parse5 via rehype-parse):
// only a[href] and img/video/audio/source[src] count — not text, not HTML comments, not scripts.
import { unified } from 'unified'
import rehypeParse from 'rehype-parse'
import type { Element, Root, RootContent } from 'hast'
import { BLOCKS, SKIP, squash, textOf } from '@/lib/content/text'

export interface SourceFacts {
  linksToTarget: boolean
  title: string | null
  excerpt: string | null
  authorName: string | null
  authorUrl: string | null
  blogName: string | null
}

/** Comparable form of a URL: scheme and host lower case, default port and fragment dropped, no trailing slash. */
export function normalizeUrl(raw: string, base?: string): string | null {
  const url = URL.parse(raw.trim(), base)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname
  return `${url.protocol}//${url.host}${path}${url.search}`
}

const LINK_ATTRS: Record<string, string> = { a: 'href', img: 'src', video: 'src', audio: 'src', source: 'src' }

function classes(node: Element): string[] {
  const value: unknown = node.properties.className
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : []
}

function findAll(node: Root | RootContent, test: (el: Element) => boolean, out: Element[] = []): Element[] {
  if (node.type === 'element') {
    if (SKIP.has(node.tagName)) return out
    if (test(node)) out.push(node)
  }
  if ('children' in node) for (const child of node.children) findAll(child, test, out)
  return out
}

/** Text around the link: its block, cut to about 300 characters centred on the link text. */
function excerptAround(block: Element, link: Element): string {
  const text = squash(textOf(block))
  const anchor = squash(textOf(link))
  if (text.length <= 300) return text
  const at = anchor ? text.indexOf(anchor) : -1
  const start = Math.max(0, (at < 0 ? 0 : at) - 140)
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 300).trim()}…`
}

export function inspectSource(html: string, sourceUrl: string, targetUrl: string): SourceFacts {
  const tree = unified().use(rehypeParse).parse(html)
  const base = findAll(tree, (el) => el.tagName === 'base' && typeof el.properties.href === 'string')[0]?.properties
    .href as string | undefined
  // A <base> that does not parse is ignored, as browsers do.
  const baseUrl = (base && URL.parse(base, sourceUrl)?.toString()) || sourceUrl
  const target = normalizeUrl(targetUrl)

  // Walk with the chain of ancestors, to find the link's block and whether it sits in an h-entry.
  let found: { link: Element; block: Element | null } | null = null
  const walk = (node: Root | RootContent, ancestors: Element[]) => {
    if (found) return
    if (node.type === 'element') {
      if (SKIP.has(node.tagName)) return
      const attr = LINK_ATTRS[node.tagName]
      const value = attr ? node.properties[attr === 'href' ? 'href' : 'src'] : undefined
      if (typeof value === 'string' && target && normalizeUrl(value, baseUrl) === target) {
        found = { link: node, block: [...ancestors].reverse().find((a) => BLOCKS.has(a.tagName)) ?? null }
        return
      }
      for (const child of node.children) walk(child, [...ancestors, node])
    } else if ('children' in node) for (const child of node.children) walk(child, ancestors)
  }
  walk(tree, [])
  const match = found as { link: Element; block: Element | null } | null

  const entry = findAll(tree, (el) => classes(el).includes('h-entry'))[0]
  const scope = entry ?? tree
  const byClass = (root: Root | Element, name: string) => findAll(root, (el) => classes(el).includes(name))[0]
  const meta = (key: string) =>
    findAll(tree, (el) => el.tagName === 'meta' && (el.properties.name === key || el.properties.property === key))[0]
      ?.properties.content as string | undefined

  const nameEl = entry ? byClass(entry, 'p-name') : undefined
  const titleEl = findAll(tree, (el) => el.tagName === 'title')[0]
  const title = squash((nameEl && textOf(nameEl)) || meta('og:title') || (titleEl ? textOf(titleEl) : '')) || null

  const authorEl = byClass(scope as Root | Element, 'p-author') ?? byClass(scope as Root | Element, 'h-card')
  const authorNameEl = authorEl ? (byClass(authorEl, 'p-name') ?? authorEl) : undefined
  const authorName = squash((authorNameEl && textOf(authorNameEl)) || meta('author') || '') || null
  const authorLink = authorEl
    ? (findAll(authorEl, (el) => el.tagName === 'a' && classes(el).includes('u-url'))[0] ??
      (authorEl.tagName === 'a' ? authorEl : undefined))
    : undefined
  const authorUrl =
    authorLink && typeof authorLink.properties.href === 'string'
      ? normalizeUrl(authorLink.properties.href, baseUrl)
      : null

  let blogName = meta('og:site_name') ?? null
  if (!blogName) {
    blogName = URL.parse(sourceUrl)?.hostname.replace(/^www\./, '') ?? null
  }
  return {
    linksToTarget: !!match,
    title: title?.slice(0, 300) ?? null,
    excerpt: match
      ? excerptAround(match.block ?? (tree as unknown as Element), match.link).slice(0, 400) || null
      : null,
    authorName: authorName?.slice(0, 100) ?? null,
    authorUrl,
    blogName: blogName?.slice(0, 200) ?? null,
  }
}
