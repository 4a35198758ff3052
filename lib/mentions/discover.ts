// Finding where a page takes linkbacks: Webmention (Link header, then <link>/<a rel="webmention"> in document
// order, relative URLs resolved) and Pingback (X-Pingback header, then <link rel="pingback">).
import { unified } from 'unified'
import rehypeParse from 'rehype-parse'
import type { Element, Root, RootContent } from 'hast'

export interface Endpoints {
  webmention?: string
  pingback?: string
}

/** Parses an HTTP Link header into [url, rels] pairs (rels lower-cased; quoted or bare). */
export function parseLinkHeader(header: string): { url: string; rels: string[] }[] {
  const links: { url: string; rels: string[] }[] = []
  for (const match of header.matchAll(/<([^>]*)>([^,]*(?:"[^"]*"[^,]*)*)/g)) {
    const params = match[2] ?? ''
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params)
    if (!rel) continue
    links.push({ url: match[1]!.trim(), rels: (rel[1] ?? rel[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean) })
  }
  return links
}

function relsOf(node: Element): string[] {
  const rel: unknown = node.properties.rel
  return (Array.isArray(rel) ? rel.map(String) : typeof rel === 'string' ? rel.split(/\s+/) : []).map((r) =>
    r.toLowerCase(),
  )
}

function firstWithRel(tree: Root, rel: string, tags: string[]): string | undefined {
  let found: string | undefined
  const walk = (node: Root | RootContent) => {
    if (found !== undefined) return
    if (node.type === 'element') {
      if (node.tagName === 'template') return
      if (tags.includes(node.tagName) && relsOf(node).includes(rel) && typeof node.properties.href === 'string') {
        found = node.properties.href
        return
      }
    }
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return found
}

function resolve(href: string, base: string): string | undefined {
  const url = URL.parse(href, base)
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? url.toString() : undefined
}

type Headers = Record<string, string | string[] | undefined>

export function discoverEndpoints({ url, headers, body }: { url: string; headers: Headers; body: string }): Endpoints {
  const header = (name: string) => {
    const value = headers[name.toLowerCase()]
    return Array.isArray(value) ? value.join(', ') : value
  }
  const endpoints: Endpoints = {}
  const link = header('link')
  if (link) {
    const found = parseLinkHeader(link).find((l) => l.rels.includes('webmention'))
    if (found) endpoints.webmention = resolve(found.url, url)
  }
  const contentType = header('content-type') ?? 'text/html'
  const tree = /html/i.test(contentType) ? unified().use(rehypeParse).parse(body) : null
  if (!endpoints.webmention && tree) {
    const href = firstWithRel(tree, 'webmention', ['link', 'a'])
    if (href !== undefined) endpoints.webmention = resolve(href, url)
  }
  const xPingback = header('x-pingback')
  if (xPingback) endpoints.pingback = resolve(xPingback.trim(), url)
  if (!endpoints.pingback && tree) {
    const href = firstWithRel(tree, 'pingback', ['link'])
    if (href) endpoints.pingback = resolve(href, url)
  }
  return endpoints
}

/** Outgoing links of a post's HTML: absolute http(s) hrefs, once each, in order. */
export function extractLinks(html: string, base: string): string[] {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html)
  const links: string[] = []
  const walk = (node: Root | RootContent) => {
    if (node.type === 'element' && node.tagName === 'a' && typeof node.properties.href === 'string') {
      const url = resolve(node.properties.href, base)
      if (url && !links.includes(url)) links.push(url.replace(/#.*$/, ''))
    }
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return [...new Set(links)]
}
