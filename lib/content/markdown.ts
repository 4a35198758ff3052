// Markdown → sanitized HTML, plus the plain-text facts (excerpt, word count) stored beside it.
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkRehype from 'remark-rehype'
import rehypeRaw from 'rehype-raw'
import rehypeStringify from 'rehype-stringify'
import { sanitizePost } from './sanitize'

const postProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // Authors may write inline HTML; it is parsed (not passed through) and then sanitized like the rest.
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(sanitizePost)
  .use(rehypeStringify)

export interface RenderedPost {
  html: string
  /** The body as plain text, for the search index. */
  plainText: string
  excerpt: string
  wordCount: number
}

/** Renders a post's Markdown to sanitized HTML. The editor preview and the public page both use this. */
export async function renderMarkdown(markdown: string): Promise<string> {
  return String(await postProcessor.process(markdown))
}

/** Renders a post and derives its excerpt (unless one is given) and word count from the rendered text. */
export async function renderPost(markdown: string, excerpt?: string): Promise<RenderedPost> {
  return describeRendered(await renderMarkdown(markdown), excerpt)
}

/** The stored facts about sanitized HTML: its plain text, excerpt (unless one is given) and word count. */
export function describeRendered(html: string, excerpt?: string): RenderedPost {
  const text = htmlToText(html)
  return { html, plainText: text, excerpt: excerpt?.trim() || makeExcerpt(text), wordCount: countWords(text) }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' }

/** Plain text of sanitized HTML (our own output, so a tag-stripping pass is enough), blocks kept apart. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|blockquote|pre|figcaption|tr)>/gi, '\n\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#?\w+);/g, (m, name: string) => {
      if (ENTITIES[name]) return ENTITIES[name]
      if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
      return m
    })
    .replace(/[ \t]+\n/g, '\n')
    .trim()
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
}

/** The first words of the text, cut at a word boundary (WordPress uses 55 words). */
export function makeExcerpt(text: string, maxWords = 55): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean)
  if (words.length <= maxWords) return words.join(' ')
  return `${words
    .slice(0, maxWords)
    .join(' ')
    .replace(/[,;:.–—-]+$/, '')}…`
}
