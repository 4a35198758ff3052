import { describe, expect, it } from 'vitest'
import { queueFilter, queueHref } from './queue-params'

describe('the moderation queue’s address', () => {
  it('reads the tab, kind, search, post and page, falling back on anything unknown', () => {
    expect(queueFilter({ status: 'spam', kind: 'mentions', q: 'casino', post: 'p1', page: '2' })).toEqual({
      status: 'SPAM',
      kind: 'mentions',
      q: 'casino',
      postId: 'p1',
      page: 2,
    })
    expect(queueFilter({ status: 'deleted', kind: ['nope'], q: '', page: 'x' })).toEqual({
      status: 'PENDING',
      kind: 'all',
      q: undefined,
      postId: undefined,
      page: 1,
    })
    expect(queueFilter({ q: 'x'.repeat(500) }).q).toHaveLength(200)
  })
  it('links to the queue with one part changed, back on the first page', () => {
    const filter = queueFilter({ status: 'approved', q: 'hello', page: '3' })
    expect(queueHref(filter, { status: 'trash' })).toBe('/admin/comments?status=trash&kind=all&q=hello')
    expect(queueHref(filter, { kind: 'comments' })).toBe('/admin/comments?status=approved&kind=comments&q=hello')
  })
})
