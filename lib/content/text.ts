// Plain text out of HTML (a parsed tree or a fragment): what excerpts, linkback titles and imported names show.
import { unified } from 'unified'
import rehypeParse from 'rehype-parse'
import type { Root, RootContent } from 'hast'

/** Elements whose text starts a new run of words (kept apart by a space when flattened). */
export const BLOCKS = new Set([
  'p',
  'li',
  'blockquote',
  'dd',
  'td',
  'figcaption',
  'article',
  'section',
  'div',
  'main',
  'body',
])
/** Elements whose content is never text a reader sees. */
export const SKIP = new Set(['script', 'style', 'template', 'noscript'])

export const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

/** The text of a node and its children, blocks kept apart by spaces, scripts and styles left out. */
export function textOf(node: Root | RootContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' && SKIP.has(node.tagName)) return ''
  if ('children' in node)
    return node.children
      .map((c) => (c.type === 'element' && BLOCKS.has(c.tagName) ? ` ${textOf(c)} ` : textOf(c)))
      .join('')
  return ''
}

/** Plain text of an HTML fragment (entities decoded), e.g. a TrackBack excerpt like "it&#8217;s <b>good</b>". */
export function htmlToPlainText(html: string): string {
  return squash(textOf(unified().use(rehypeParse, { fragment: true }).parse(html)))
}
