import { describe, expect, it } from 'vitest'
import { unified } from 'unified'
import rehypeParse from 'rehype-parse'
import { avatarSvg } from './avatar'
import { commentItemsHtml } from './list-html'
import type { CommentNode } from './queries'

const options = { slug: 'a-post', canReply: true, maxDepth: 2, timezone: 'UTC', locale: 'en-US' }
const node = (over: Partial<CommentNode>): CommentNode => ({
  id: 'c1',
  parentId: null,
  kind: 'COMMENT',
  authorName: 'Ana',
  authorUrl: null,
  html: '<p>Hi</p>',
  sourceUrl: null,
  sourceTitle: null,
  blogName: null,
  createdAt: new Date('2026-01-02T03:04:05Z'),
  userId: null,
  authorHandle: null,
  avatarPath: null,
  avatarHash: 'ab'.repeat(32),
  replies: [],
  depth: 1,
  ...over,
})

describe('comment list markup', () => {
  it('escapes names and addresses, and drops an address that is not http(s)', () => {
    const html = commentItemsHtml(
      [node({ authorName: '<img src=x onerror=alert(1)>"', authorUrl: 'javascript:alert(1)' })],
      options,
    )
    expect(html).not.toContain('<img')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('aria-label="Comment by &lt;img src=x onerror=alert(1)&gt;&quot;"')
    const linked = commentItemsHtml([node({ authorUrl: 'https://ana.example/?a=1&b="2"' })], options)
    expect(linked).toContain(
      '<a href="https://ana.example/?a=1&amp;b=&quot;2&quot;" rel="nofollow ugc noopener">Ana</a>',
    )
  })
  it('shows a fediverse reply’s handle and links to its note, escaped, only when the note is http(s)', () => {
    const html = commentItemsHtml(
      [node({ authorHandle: '@ana<b>@social.example', sourceUrl: 'https://social.example/@ana/1' })],
      options,
    )
    expect(html).toContain('<span class="comment-handle">@ana&lt;b&gt;@social.example</span>')
    expect(html).toContain(
      '<a class="comment-origin" href="https://social.example/@ana/1" rel="nofollow ugc noopener">on the fediverse</a>',
    )
    const unsafe = commentItemsHtml([node({ authorHandle: '@ana@x', sourceUrl: 'javascript:alert(1)' })], options)
    expect(unsafe).not.toContain('javascript:')
    // Its picture as copied to this blog, in place of the drawn one.
    const pictured = commentItemsHtml([node({ authorHandle: '@ana@x', avatarPath: 'avatars/ab-cd.webp' })], options)
    expect(pictured).toContain('<img class="avatar" src="/media/avatars/ab-cd.webp" width="40" height="40" alt=""')
    expect(pictured).not.toContain('<svg')
  })

  it('nests replies, anchors every comment and offers Reply above the deepest level only', () => {
    const html = commentItemsHtml(
      [node({ replies: [node({ id: 'c2', parentId: 'c1', depth: 2, userId: 'u1' })] })],
      options,
    )
    const items = [...html.matchAll(/<li id="comment-(\w+)"/g)].map((m) => m[1])
    expect(items).toEqual(['c1', 'c2'])
    expect(html).toContain('<ol class="comment-list"><li id="comment-c2"')
    expect(html.match(/comment-reply-link/g)).toHaveLength(1)
    expect(html).toContain('href="/posts/a-post?replytocom=c1#respond"')
    expect(html).toContain('<span class="badge">Author</span>')
    expect(html).toContain('<time datetime="2026-01-02T03:04:05.000Z">January 2, 2026 at 3:04 AM</time>')
    // Well-formed: every element parsed is closed where it was opened.
    expect(unified().use(rehypeParse, { fragment: true }).parse(html).children).toHaveLength(1)
  })
  it('draws a symmetric identicon with rows merged into rectangles', () => {
    const svg = avatarSvg('ff'.repeat(32))
    expect(svg).toContain('d="M0 0h5v1h-5zM0 1h5v1h-5zM0 2h5v1h-5zM0 3h5v1h-5zM0 4h5v1h-5z"')
    expect(avatarSvg('00'.repeat(32))).toContain('d=""')
  })
})
