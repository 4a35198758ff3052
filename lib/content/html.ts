// WordPress HTML → Daisy's stored HTML: shortcodes Daisy understands, wpautop-style paragraphs for classic
// (non-block) content, then the one post sanitizer. Used for imported posts, which keep HTML as their format.
import { unified } from 'unified'
import rehypeParse from 'rehype-parse'
import rehypeStringify from 'rehype-stringify'
import { autop } from '@wordpress/autop'
import { replace as replaceShortcode } from '@wordpress/shortcode'
import { sanitizePost } from './sanitize'
import { describeRendered, type RenderedPost } from './markdown'

const htmlProcessor = unified().use(rehypeParse, { fragment: true }).use(sanitizePost).use(rehypeStringify)

/** Block-editor content carries its own paragraphs; classic content relies on wpautop when shown. */
export function hasBlockMarkup(html: string): boolean {
  return /<!--\s*wp:/.test(html)
}

/** `[caption]<img …> Text[/caption]` (and the older `caption="…"` attribute) → figure with figcaption. */
export function captionsToFigures(html: string): string {
  return replaceShortcode('caption', html, ({ content, attrs }) => {
    const body = content ?? ''
    const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(body)
    if (!media) return body
    const caption = (media[2]!.trim() || String(attrs.named.caption ?? '')).trim()
    return `<figure>${media[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`
  })
}

/** The HTML WordPress would have shown for this content: captions as figures, paragraphs where needed. */
export function wordpressToHtml(content: string): string {
  const withFigures = captionsToFigures(content.replace(/\r\n?/g, '\n'))
  return hasBlockMarkup(withFigures) ? withFigures : autop(withFigures)
}

/** Sanitizes HTML with the post schema (comments, scripts, handlers, unsafe URLs removed). */
export function sanitizePostHtml(html: string): string {
  return String(htmlProcessor.processSync(html)).trim()
}

/** The stored HTML of a post whose source is WordPress HTML (what the editor and the importer keep). */
export function renderHtmlBody(source: string): string {
  return sanitizePostHtml(wordpressToHtml(source))
}

/** Renders an HTML post (imported from WordPress) the way renderPost renders Markdown. */
export function renderHtmlPost(source: string, excerpt?: string): RenderedPost {
  return describeRendered(renderHtmlBody(source), excerpt)
}
