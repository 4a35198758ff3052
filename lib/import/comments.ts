// Imported comments, trackbacks, pingbacks and webmentions of one post, with their thread: one lookup finds
// what an earlier import brought, one insert adds the rest (ids are made here so replies can name parents).
import { randomBytes } from 'node:crypto'
import { renderExcerpt, renderImportedComment } from '../comments/render'
import { htmlToPlainText } from '../content/text'
import { tags as cacheTags } from '../cache/tags'
import { wpDateToInstant, type ImportRun, type Tx } from './run'
import type { CommentKind } from './report'
import type { WxrComment, WxrItem } from './wxr-parse'

const COMMENT_KINDS: Record<string, CommentKind> = {
  '': 'COMMENT',
  comment: 'COMMENT',
  trackback: 'TRACKBACK',
  pingback: 'PINGBACK',
  webmention: 'WEBMENTION',
}
const COMMENT_STATUS: Record<string, 'APPROVED' | 'PENDING' | 'SPAM' | 'TRASH'> = {
  '1': 'APPROVED',
  '0': 'PENDING',
  spam: 'SPAM',
  trash: 'TRASH',
  'post-trashed': 'TRASH',
}

export async function importComments(run: ImportRun, tx: Tx, item: WxrItem, postId: string) {
  const { report } = run
  const wanted = item.comments.filter((c) => {
    if (COMMENT_KINDS[c.type]) return true
    run.skip(
      'comment',
      `type “${c.type}” is not a comment, trackback, pingback or webmention`,
      `comment ${c.id} on “${item.title}” (line ${item.line})`,
    )
    return false
  })
  if (wanted.length === 0) return
  const hasParent = (c: WxrComment) => !!c.parentId && c.parentId !== '0'
  const keys = [
    ...new Set(
      wanted.flatMap((c) => [run.key('comment', c.id), ...(hasParent(c) ? [run.key('comment', c.parentId)] : [])]),
    ),
  ]
  const found = await tx.comment.findMany({ where: { importKey: { in: keys } }, select: { id: true, importKey: true } })
  const ids = new Map(found.map((c) => [c.importKey!.slice(c.importKey!.lastIndexOf('|') + 1), c.id]))
  const fresh = wanted.filter((c) => !ids.has(c.id))
  report.comments.existing += wanted.length - fresh.length
  if (fresh.length === 0) return
  for (const c of fresh) ids.set(c.id, newId())
  const rows = fresh.map((c) => {
    const kind = COMMENT_KINDS[c.type]!
    const parentId = hasParent(c) ? ids.get(c.parentId) : undefined
    if (hasParent(c) && !parentId)
      run.skip(
        'reply link',
        'its parent comment is not in the export (kept as a top-level comment)',
        `comment ${c.id} on “${item.title}”`,
      )
    report.comments.created++
    report.comments.byKind[kind]++
    return { ...commentData(run, c, kind), id: ids.get(c.id)!, postId, parentId, importKey: run.key('comment', c.id) }
  })
  // Parents first: SQLite checks each row's parent as it is inserted.
  await tx.comment.createMany({ data: parentsFirst(rows) })
  run.touched.add(cacheTags.comments(postId))
}

function commentData(run: ImportRun, c: WxrComment, kind: CommentKind) {
  const email = c.email.trim().toLowerCase() || null
  const base = {
    kind,
    status: COMMENT_STATUS[c.approved] ?? ('PENDING' as const),
    authorName: (htmlToPlainText(c.author) || (kind === 'COMMENT' ? 'Anonymous' : 'Unknown site')).slice(0, 200),
    authorEmail: email,
    authorUrl: /^https?:\/\//i.test(c.url) ? c.url.slice(0, 500) : null,
    ip: c.ip || null,
    content: c.content,
    reason: 'Imported from WordPress',
    createdAt: wpDateToInstant(c.dateGmt, c.date, run.settings.timezone) ?? new Date(),
  }
  if (kind === 'COMMENT') {
    return {
      ...base,
      html: renderImportedComment(c.content),
      userId: c.userId !== '0' && email ? (run.userIdByEmail.get(email) ?? null) : null,
    }
  }
  // WordPress keeps a TrackBack as "<strong>Title</strong>\n\nexcerpt" from the blog in comment_author;
  // a pingback's comment_author is the linking page's title.
  const strong = kind === 'TRACKBACK' ? /^\s*<strong>([\s\S]*?)<\/strong>/i.exec(c.content) : null
  const excerpt = htmlToPlainText(strong ? c.content.slice(strong[0].length) : c.content)
  return {
    ...base,
    html: renderExcerpt(excerpt),
    sourceUrl: base.authorUrl,
    sourceTitle: kind === 'TRACKBACK' ? (strong ? htmlToPlainText(strong[1]!) : null) : base.authorName,
    blogName: kind === 'TRACKBACK' ? base.authorName : null,
  }
}

/** A cuid-like id made here, so a reply can name its parent within the same insert. */
function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString('hex')}`
}

/** Rows ordered so that every row comes after the row its parentId names (when that row is in the list). */
export function parentsFirst<T extends { id: string; parentId?: string }>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]))
  const placed = new Set<string>()
  const done = new Set<string>()
  const ordered: T[] = []
  const place = (row: T) => {
    if (placed.has(row.id)) return
    placed.add(row.id)
    const parent = row.parentId ? byId.get(row.parentId) : undefined
    if (parent && !placed.has(parent.id)) place(parent)
    // A broken export whose replies form a cycle: the link that closes it is dropped.
    if (parent && !done.has(parent.id)) row.parentId = undefined
    ordered.push(row)
    done.add(row.id)
  }
  rows.forEach((row) => place(row))
  return ordered
}
