import { describe, expect, it } from 'vitest'
import { buildThread } from './thread'

const at = (n: number) => new Date(Date.UTC(2020, 0, 1, 0, n))
const c = (id: string, parentId: string | null, minute: number) => ({ id, parentId, createdAt: at(minute) })

describe('buildThread', () => {
  it('nests replies under their parents, oldest first', () => {
    const tree = buildThread([c('b', null, 2), c('a', null, 1), c('a2', 'a', 4), c('a1', 'a', 3), c('a1x', 'a1', 5)])
    expect(tree.map((n) => n.id)).toEqual(['a', 'b'])
    expect(tree[0]!.replies.map((n) => n.id)).toEqual(['a1', 'a2'])
    expect(tree[0]!.replies[0]!.replies[0]).toMatchObject({ id: 'a1x', depth: 3 })
  })

  it('keeps a reply whose parent is not shown at the top level', () => {
    const tree = buildThread([c('orphan', 'held', 1)])
    expect(tree).toHaveLength(1)
    expect(tree[0]).toMatchObject({ id: 'orphan', depth: 1 })
  })

  it('stops nesting at the maximum depth', () => {
    const tree = buildThread([c('1', null, 1), c('2', '1', 2), c('3', '2', 3), c('4', '3', 4)], 2)
    expect(tree[0]!.replies.map((n) => n.id)).toEqual(['2', '3', '4'])
    expect(tree[0]!.replies.every((n) => n.depth === 2)).toBe(true)
  })

  it('survives a cycle in bad data', () => {
    const tree = buildThread([c('x', 'y', 1), c('y', 'x', 2)])
    // Both are still shown: the link that would close the loop is dropped.
    expect(tree).toHaveLength(1)
    expect([tree[0]!.id, ...tree[0]!.replies.map((n) => n.id)].sort()).toEqual(['x', 'y'])
  })
})
