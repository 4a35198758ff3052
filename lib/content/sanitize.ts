// The one HTML sanitizer: every piece of user or imported HTML passes this schema before it is stored.
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'

const base = defaultSchema.attributes ?? {}

/** GitHub's schema, plus what a blog post needs: figures, captions, responsive images. */
export const postSanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'cite', 'mark', 'abbr', 'small'],
  attributes: {
    ...base,
    img: [...(base.img ?? []), 'alt', 'width', 'height', 'srcSet', 'sizes', 'loading', 'decoding'],
    a: [...(base.a ?? []), 'title'],
    abbr: ['title'],
  },
  protocols: { ...defaultSchema.protocols, src: ['http', 'https'] },
}

/** For comments: paragraphs, links, emphasis and code only ("Markdown-lite"). */
export const commentSanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: ['p', 'br', 'a', 'em', 'strong', 'code', 'pre', 'blockquote'],
  attributes: { a: ['href'], code: [] },
  protocols: { href: ['http', 'https', 'mailto'] },
  clobber: [],
}
