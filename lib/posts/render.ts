// What is stored for a post's body, whatever its format: Markdown (written in Daisy) or HTML (imported).
import { renderPost, type RenderedPost } from '../content/markdown'
import { renderHtmlPost } from '../content/html'

export interface StoredBody {
  format: 'MARKDOWN' | 'HTML'
  source: string
  excerpt?: string
  /** A post password: the body then stays out of search, excerpts and feeds. */
  password?: string | null
}

export async function renderStoredPost({ format, source, excerpt, password }: StoredBody): Promise<RenderedPost> {
  const rendered = format === 'HTML' ? renderHtmlPost(source, excerpt) : await renderPost(source, excerpt)
  if (!password) return rendered
  // As in WordPress, a protected post has no excerpt (lists, feeds and metadata show none), and nothing of
  // the body is indexed for search.
  return { ...rendered, plainText: '', excerpt: '' }
}
