// The one HTML sanitizer: every piece of user or imported HTML passes `sanitizePost` (posts) or the comment
// schema before it is stored.
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import type { Plugin, Preset } from 'unified'
import type { Root } from 'hast'
import { visit } from 'unist-util-visit'
import { safeSrcset } from './srcset'

const base = defaultSchema.attributes ?? {}
const WEB = ['http', 'https']

/** GitHub's schema, plus what a blog post needs: figures, captions, responsive images. Used through sanitizePost. */
const postSanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'cite', 'mark', 'abbr', 'small'],
  attributes: {
    ...base,
    img: [...(base.img ?? []), 'alt', 'width', 'height', 'srcSet', 'sizes', 'loading', 'decoding'],
    a: [...(base.a ?? []), 'title'],
    abbr: ['title'],
  },
  // Every attribute allowed above that holds a URL has its schemes listed (an unlisted one is not checked at
  // all): GitHub's href, cite, longDesc and src, plus action and itemType, which its schema lets through
  // unchecked. srcSet holds many URLs, so rehypeSafeSrcset checks it candidate by candidate instead.
  protocols: { ...defaultSchema.protocols, src: WEB, cite: WEB, longDesc: WEB, action: WEB, itemType: WEB },
}

/** Keeps the srcset candidates whose URL is http(s) or relative; drops the attribute when none is left. */
const rehypeSafeSrcset: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (node) => {
    const value = node.properties.srcSet
    if (value === undefined) return
    const safe = safeSrcset(Array.isArray(value) ? value.join(',') : String(value))
    if (safe === undefined) delete node.properties.srcSet
    else node.properties.srcSet = safe
  })
}

/** The post sanitizer as one step of a unified pipeline: the schema, then the srcset check. */
export const sanitizePost: Preset = { plugins: [[rehypeSanitize, postSanitizeSchema], rehypeSafeSrcset] }

/** For comments: paragraphs, links, emphasis and code only ("Markdown-lite"). */
export const commentSanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: ['p', 'br', 'a', 'em', 'strong', 'code', 'pre', 'blockquote'],
  attributes: { a: ['href'], code: [] },
  protocols: { href: ['http', 'https', 'mailto'] },
  clobber: [],
}
