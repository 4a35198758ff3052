// Builds the reply tree of a post's approved comments (pure, so it is unit-tested).

export interface ThreadItem {
  id: string
  parentId: string | null
  createdAt: Date
}

export type ThreadNode<T extends ThreadItem> = T & { replies: ThreadNode<T>[]; depth: number }

/**
 * Nests comments under their parents, oldest first at every level. A reply whose parent is not in the list
 * (held, spam, trashed) is shown at the top level rather than lost. Nesting stops at `maxDepth`: deeper
 * replies join their ancestor at the last level, as WordPress does.
 */
export function buildThread<T extends ThreadItem>(items: T[], maxDepth = 5): ThreadNode<T>[] {
  const sorted = [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  const ids = new Set(sorted.map((i) => i.id))
  // First settle who hangs under whom, refusing any link that would close a cycle in bad data.
  const parentOf = new Map<string, string>()
  for (const item of sorted) {
    const parentId = item.parentId
    if (!parentId || !ids.has(parentId)) continue
    let cursor: string | undefined = parentId
    while (cursor && cursor !== item.id) cursor = parentOf.get(cursor)
    if (cursor !== item.id) parentOf.set(item.id, parentId)
  }
  const children = new Map<string | null, T[]>()
  for (const item of sorted) {
    const key = parentOf.get(item.id) ?? null
    children.set(key, [...(children.get(key) ?? []), item])
  }
  // Then lay the tree out, flattening anything deeper than maxDepth onto the last level.
  const place = (item: T, depth: number, into: ThreadNode<T>[]) => {
    const node: ThreadNode<T> = { ...item, replies: [], depth }
    into.push(node)
    const target = depth < maxDepth ? node.replies : into
    for (const child of children.get(item.id) ?? []) place(child, Math.min(depth + 1, maxDepth), target)
  }
  const roots: ThreadNode<T>[] = []
  for (const item of children.get(null) ?? []) place(item, 1, roots)
  return roots
}
