// Comment text → safe HTML ("Markdown-lite"): paragraphs, line breaks, links, emphasis and code. Anything
// else a commenter types (headings, lists, images, raw HTML) stays visible as plain text.
import { unified, type Plugin } from 'unified'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import rehypeParse from 'rehype-parse'
import { autop } from '@wordpress/autop'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { visit } from 'unist-util-visit'
import type { Element, Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import { commentSanitizeSchema } from '@/lib/content/sanitize'
import { escapeHtml } from '@/lib/content/escape'

// micromark constructs a comment may not use: they are read as plain text instead.
const DISABLED = [
  'headingAtx',
  'setextUnderline',
  'list',
  'thematicBreak',
  'blockQuote',
  'htmlFlow',
  'htmlText',
  'definition',
  'labelStartImage',
]

const markdownLite: Plugin<[], MdastRoot> = function () {
  const data = this.data()
  data.micromarkExtensions = [
    ...(data.micromarkExtensions ?? []),
    gfmAutolinkLiteral(),
    { disable: { null: DISABLED } },
  ]
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), gfmAutolinkLiteralFromMarkdown()]
}

/** Links in comments are the commenter's, not the blog's: search engines are told so. */
const rehypeUgcLinks: Plugin<[], HastRoot> = () => (tree) => {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'a') node.properties = { ...node.properties, rel: ['nofollow', 'ugc', 'noopener'] }
  })
}

const processor = unified()
  .use(remarkParse)
  .use(markdownLite)
  .use(remarkRehype)
  .use(rehypeSanitize, commentSanitizeSchema)
  .use(rehypeUgcLinks)
  .use(rehypeStringify)

// Comments imported from WordPress are HTML that WordPress showed through wpautop.
const htmlProcessor = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeSanitize, commentSanitizeSchema)
  .use(rehypeUgcLinks)
  .use(rehypeStringify)

/** An imported WordPress comment: its paragraphs as WordPress showed them, then the comment sanitizer. */
export function renderImportedComment(html: string): string {
  return String(htmlProcessor.processSync(autop(html.replace(/\r\n?/g, '\n')))).trim()
}

export async function renderComment(text: string): Promise<string> {
  // Single newlines are line breaks in comments, as people expect from a text box.
  return String(await processor.process(text.replace(/\r\n?/g, '\n').replace(/([^\n])\n(?!\n)/g, '$1  \n')))
}

/** Plain text for linkback excerpts (trackbacks send HTML entities and markup): escaped into one paragraph. */
export function renderExcerpt(text: string): string {
  return `<p>${escapeHtml(text)}</p>`
}
