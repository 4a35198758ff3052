// Imports a WordPress export (WXR) into Daisy: authors, categories and tags, posts and pages, every comment,
// trackback and pingback with its thread, attachments, and the old permalinks as redirects.
//
// Two passes over the file: the first only parses (a broken file is refused before anything is written, and
// the item count drives the progress bar); the second writes, one transaction per batch of items, so an item
// is either wholly imported or not at all. Every row carries an import key (site URL + WordPress id): running
// the same import again finds them and changes nothing. Plain module: the CLI, the admin route and the tests
// share it.
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../db'
import type { Prisma } from '../generated/prisma/client'
import { slugify, uniqueSlug } from '../content/slug'
import { renderStoredPost } from '../posts/render'
import { legacyPaths } from '../posts/redirect-path'
import { RESERVED_PAGE_SLUGS } from '../posts/reserved'
import { renderExcerpt, renderImportedComment } from '../comments/render'
import { htmlToPlainText } from '../mentions/verify'
import { parseStoredSettings } from '../settings/schema'
import { zonedTime } from '../time-zone'
import { tags as cacheTags } from '../cache-tags'
import { parseWxrFile, WxrError, type WxrAuthor, type WxrChannel, type WxrComment, type WxrItem, type WxrTerm } from './wxr-parse'

type Tx = Prisma.TransactionClient
type CommentKind = 'COMMENT' | 'TRACKBACK' | 'PINGBACK' | 'WEBMENTION'

/** A stored copy of a remote attachment, or why there is none (the original URL is then kept). */
export type AttachmentFetch =
  | { ok: true; path: string; mimeType: string; size: number; width: number | null; height: number | null; variants: { width: number; path: string }[] }
  | { ok: false; reason: string }

export interface ImportOptions {
  db: Db
  file: string
  /** Owner of items whose WordPress author is not in the file (the admin running the import). */
  fallbackAuthorId: string
  /** Fetches an attachment into the media library; without it attachments keep their original URLs. */
  fetchAttachment?: (url: string, name: string) => Promise<AttachmentFetch>
  onProgress?: (progress: ImportProgress) => void
  batchSize?: number
}

export interface ImportProgress {
  phase: 'reading' | 'importing' | 'finishing'
  done: number
  total: number
}

export interface Counts {
  created: number
  existing: number
}

export interface ImportReport {
  site: string
  wxrVersion: string
  items: number
  authors: Counts
  tags: Counts
  posts: Counts
  pages: Counts
  comments: Counts & { byKind: Record<CommentKind, number> }
  redirects: Counts
  attachments: { stored: number; linked: number; existing: number }
  skipped: { what: string; why: string; count: number; examples: string[] }[]
  /** Set when a batch failed: what was imported before it stays (whole items only); run again to continue. */
  stoppedAt?: string
  durationMs: number
  /** Cache tags whose public pages changed (the admin route expires them). */
  touched: string[]
}

const COMMENT_KINDS: Record<string, CommentKind> = { '': 'COMMENT', comment: 'COMMENT', trackback: 'TRACKBACK', pingback: 'PINGBACK', webmention: 'WEBMENTION' }
const COMMENT_STATUS: Record<string, 'APPROVED' | 'PENDING' | 'SPAM' | 'TRASH'> = { '1': 'APPROVED', '0': 'PENDING', spam: 'SPAM', trash: 'TRASH', 'post-trashed': 'TRASH' }
// WordPress's default category says nothing about a post; it is not made into a tag.
const IGNORED_TERMS = new Set(['uncategorized'])

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** "2012-01-03 16:20:00" as UTC, or the local field in the site's zone when the GMT one is empty. */
export function wpDateToInstant(gmt: string, local: string, timezone: string): Date | null {
  const parse = (value: string) => /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(value.trim())
  const g = parse(gmt)
  if (g && g[1] !== '0000') return new Date(Date.UTC(+g[1]!, +g[2]! - 1, +g[3]!, +g[4]!, +g[5]!, +(g[6] ?? 0)))
  const l = parse(local)
  if (l && l[1] !== '0000') return new Date(zonedTime(+l[1]!, +l[2]!, +l[3]!, +l[4]!, +l[5]!, timezone).getTime() + +(l[6] ?? 0) * 1000)
  return null
}

/** The site an export came from, as written in it: "http://rob.example". */
export function siteUrlOf(channel: WxrChannel): string {
  return (channel.baseBlogUrl || channel.baseSiteUrl || channel.link).trim().replace(/\/+$/, '')
}

/** How imported rows name their site: without scheme or "www.", so an export made after the blog moved
 *  to https (or dropped www) is still the same blog. "http://www.Rob.example/" → "rob.example". */
export function siteKeyOf(channel: WxrChannel): string {
  return siteUrlOf(channel).toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '')
}

function emptyReport(): ImportReport {
  const counts = () => ({ created: 0, existing: 0 })
  return {
    site: '', wxrVersion: '', items: 0, authors: counts(), tags: counts(), posts: counts(), pages: counts(),
    comments: { ...counts(), byKind: { COMMENT: 0, TRACKBACK: 0, PINGBACK: 0, WEBMENTION: 0 } },
    redirects: counts(), attachments: { stored: 0, linked: 0, existing: 0 }, skipped: [], durationMs: 0, touched: [],
  }
}

/** Reads the whole file without writing: refuses a broken file (naming the line) and counts its items. */
export async function inspectWxr(file: string): Promise<{ channel: WxrChannel; items: number }> {
  let channel: WxrChannel | null = null
  let items = 0
  await parseWxrFile(file, { channel: (c) => void (channel = c), item: () => void items++ })
  return { channel: channel!, items }
}

export async function importWxr(options: ImportOptions): Promise<ImportReport> {
  const started = Date.now()
  const { db, file, fallbackAuthorId, fetchAttachment, onProgress, batchSize = 25 } = options
  const report = emptyReport()
  const touched = new Set<string>([cacheTags.posts])

  onProgress?.({ phase: 'reading', done: 0, total: 0 })
  const inspected = await inspectWxr(file)
  const siteUrl = siteUrlOf(inspected.channel)
  if (!/^https?:\/\/[^/]/i.test(siteUrl)) throw new WxrError('the export names no site URL (wp:base_site_url), so its items cannot be told apart from another site’s', 1)
  const siteKey = siteKeyOf(inspected.channel)
  report.site = siteUrl
  report.wxrVersion = inspected.channel.wxrVersion
  report.items = inspected.items
  const total = inspected.items
  onProgress?.({ phase: 'importing', done: 0, total })

  const { timezone } = parseStoredSettings(await db.setting.findMany())
  const key = (kind: 'post' | 'comment' | 'attachment', id: string) => `${siteKey}|${kind}|${id}`
  const skippedIndex = new Map<string, ImportReport['skipped'][number]>()
  const skip = (what: string, why: string, example: string) => {
    const id = `${what}\u0000${why}`
    let entry = skippedIndex.get(id)
    if (!entry) {
      entry = { what, why, count: 0, examples: [] }
      skippedIndex.set(id, entry)
      report.skipped.push(entry)
    }
    entry.count++
    if (entry.examples.length < 5) entry.examples.push(example)
  }

  const authorIds = new Map<string, string>()
  const userIdByEmail = new Map<string, string>()
  const tagNames = new Map<string, { name: string; description: string }>()
  const tagsSeen = new Set<string>()
  // Featured images name attachments that may come later in the file: linked once everything is in.
  const featuredImages: { postId: string; attachmentKey: string }[] = []

  async function importAuthor(author: WxrAuthor) {
    const login = author.login || author.email
    if (!login) return skip('author', 'has neither a login nor an email', author.displayName || '(unnamed)')
    const email = (author.email || `${slugify(login) || 'author'}@imported.invalid`).toLowerCase()
    const existing = await db.user.findUnique({ where: { email }, select: { id: true } })
    if (existing) {
      report.authors.existing++
      authorIds.set(login, existing.id)
      userIdByEmail.set(email, existing.id)
      return
    }
    const slug = await uniqueSlug(slugify(login) || slugify(author.displayName) || 'author', async (s) => !!(await db.user.findUnique({ where: { slug: s }, select: { id: true } })))
    // No password: the account cannot sign in until an admin resets it (Users page).
    const user = await db.user.create({ data: { email, slug, name: htmlToPlainText(author.displayName) || login, role: 'AUTHOR', passwordHash: null }, select: { id: true } })
    report.authors.created++
    authorIds.set(login, user.id)
    userIdByEmail.set(email, user.id)
  }

  function noteTerm(term: WxrTerm) {
    const slug = termSlug(term.slug, term.name)
    if (!slug || IGNORED_TERMS.has(slug)) return
    if (!tagNames.has(slug)) tagNames.set(slug, { name: htmlToPlainText(term.name) || slug, description: htmlToPlainText(term.description) })
  }

  async function ensureTags(tx: Tx, item: WxrItem): Promise<string[]> {
    const slugs: string[] = []
    for (const c of item.categories) {
      if (c.domain !== 'category' && c.domain !== 'post_tag') continue
      const slug = termSlug(c.slug, c.name)
      if (!slug || IGNORED_TERMS.has(slug) || slugs.includes(slug)) continue
      const known = tagNames.get(slug) ?? { name: htmlToPlainText(c.name) || slug, description: '' }
      if (!tagsSeen.has(slug)) {
        const existing = await tx.tag.findUnique({ where: { slug }, select: { id: true } })
        if (existing) report.tags.existing++
        else {
          await tx.tag.create({ data: { slug, name: known.name.slice(0, 50), description: known.description } })
          report.tags.created++
        }
        tagsSeen.add(slug)
      }
      slugs.push(slug)
      touched.add(cacheTags.tag(slug))
    }
    return slugs
  }

  async function importPost(tx: Tx, item: WxrItem) {
    const type = item.postType === 'page' ? 'PAGE' : 'POST'
    const counts = type === 'PAGE' ? report.pages : report.posts
    const label = `“${item.title || '(no title)'}” (WordPress id ${item.postId}, line ${item.line})`
    if (item.status === 'auto-draft') return skip(item.postType, 'an empty auto-draft', label)
    const importKey = key('post', item.postId)
    let post = await tx.post.findUnique({ where: { importKey }, select: { id: true, slug: true, type: true } })
    if (post) counts.existing++
    else {
      const date = wpDateToInstant(item.postDateGmt, item.postDate, timezone) ?? new Date()
      // A trashed post keeps the status it had before, as WordPress records it.
      const wpStatus = item.status === 'trash' ? (item.meta._wp_trash_meta_status ?? 'draft') : item.status
      const status = wpStatus === 'publish' ? 'PUBLISHED' : wpStatus === 'future' ? 'SCHEDULED' : 'DRAFT'
      const taken = async (s: string) => !!(await tx.post.findUnique({ where: { slug: s }, select: { id: true } }))
      let base = slugify(safeDecode(item.postName)) || slugify(item.title) || `${type === 'PAGE' ? 'page' : 'post'}-${item.postId}`
      if (type === 'PAGE' && RESERVED_PAGE_SLUGS.has(base)) base = `${base}-page`
      const title = htmlToPlainText(item.title).slice(0, 200) || '(no title)'
      const slug = await uniqueSlug(base, taken)
      const password = item.postPassword || null
      const rendered = await renderStoredPost({ format: 'HTML', source: item.content, excerpt: htmlToPlainText(item.excerpt), password })
      const tagSlugs = await ensureTags(tx, item)
      post = await tx.post.create({
        data: {
          type,
          slug,
          title,
          format: 'HTML',
          source: item.content,
          html: rendered.html,
          plainText: rendered.plainText,
          excerpt: rendered.excerpt,
          wordCount: rendered.wordCount,
          status,
          publishedAt: status === 'DRAFT' ? null : date,
          deletedAt: item.status === 'trash' ? new Date() : null,
          commentsOpen: item.commentStatus !== 'closed',
          pingsOpen: item.pingStatus !== 'closed',
          sticky: item.isSticky,
          password,
          importKey,
          authorId: authorIds.get(item.creator) ?? fallbackAuthorId,
          createdAt: date,
          tags: { connect: tagSlugs.map((s) => ({ slug: s })) },
        },
        select: { id: true, slug: true, type: true },
      })
      counts.created++
      touched.add(cacheTags.post(post.slug))
    }
    const thumbnail = item.meta._thumbnail_id?.trim()
    if (thumbnail && /^\d+$/.test(thumbnail)) featuredImages.push({ postId: post.id, attachmentKey: key('attachment', thumbnail) })
    const newPath = post.type === 'PAGE' ? `/${post.slug}` : `/posts/${post.slug}`
    const paths = legacyPaths(item.link, item.postId, type).filter((p) => p !== newPath)
    const taken = new Map((await tx.redirect.findMany({ where: { fromPath: { in: paths } }, select: { fromPath: true, postId: true } })).map((r) => [r.fromPath, r.postId]))
    for (const fromPath of paths.filter((p) => taken.has(p))) {
      if (taken.get(fromPath) === post.id) report.redirects.existing++
      else skip('old address', 'already redirects to another post', fromPath)
    }
    const fresh = paths.filter((p) => !taken.has(p))
    if (fresh.length) await tx.redirect.createMany({ data: fresh.map((fromPath) => ({ fromPath, postId: post.id })) })
    report.redirects.created += fresh.length
    await importComments(tx, item, post.id)
  }

  async function importComments(tx: Tx, item: WxrItem, postId: string) {
    const wanted = item.comments.filter((c) => {
      if (COMMENT_KINDS[c.type]) return true
      skip('comment', `type “${c.type}” is not a comment, trackback, pingback or webmention`, `comment ${c.id} on “${item.title}” (line ${item.line})`)
      return false
    })
    if (wanted.length === 0) return
    // One query finds what an earlier import brought (and parents of new replies); one insert adds the rest.
    const keys = [...new Set(wanted.flatMap((c) => [key('comment', c.id), ...(c.parentId && c.parentId !== '0' ? [key('comment', c.parentId)] : [])]))]
    const found = await tx.comment.findMany({ where: { importKey: { in: keys } }, select: { id: true, importKey: true } })
    const ids = new Map(found.map((c) => [c.importKey!.slice(c.importKey!.lastIndexOf('|') + 1), c.id]))
    const fresh = wanted.filter((c) => !ids.has(c.id))
    report.comments.existing += wanted.length - fresh.length
    if (fresh.length === 0) return
    for (const c of fresh) ids.set(c.id, newId())
    const rows = fresh.map((c) => {
      const kind = COMMENT_KINDS[c.type]!
      const wpParent = c.parentId && c.parentId !== '0' ? c.parentId : null
      const parentId = wpParent ? ids.get(wpParent) : undefined
      if (wpParent && !parentId) skip('reply link', 'its parent comment is not in the export (kept as a top-level comment)', `comment ${c.id} on “${item.title}”`)
      report.comments.created++
      report.comments.byKind[kind]++
      return { ...commentData(c, kind), id: ids.get(c.id)!, postId, parentId, importKey: key('comment', c.id) }
    })
    // Parents first: SQLite checks each row's parent as it is inserted.
    await tx.comment.createMany({ data: parentsFirst(rows) })
    touched.add(cacheTags.comments(postId))
  }

  function commentData(c: WxrComment, kind: CommentKind) {
    const createdAt = wpDateToInstant(c.dateGmt, c.date, timezone) ?? new Date()
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
      createdAt,
    }
    if (kind === 'COMMENT') {
      return { ...base, html: renderImportedComment(c.content), userId: c.userId !== '0' && email ? (userIdByEmail.get(email) ?? null) : null }
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

  async function fetchAttachments(items: WxrItem[]) {
    const results = new Map<string, AttachmentFetch | 'existing'>()
    for (const item of items) {
      if (item.postType !== 'attachment') continue
      const importKey = key('attachment', item.postId)
      const url = item.attachmentUrl || item.link
      const existing = await db.media.findUnique({ where: { importKey }, select: { path: true } })
      // Kept at its old address last time (old site down, --no-media): try again when fetching now.
      if (existing && !(isRemote(existing.path) && fetchAttachment)) {
        results.set(item.postId, 'existing')
        continue
      }
      if (!url) continue
      const name = safeDecode(new URL(url, siteUrl).pathname.split('/').pop() ?? '') || item.postName
      results.set(item.postId, fetchAttachment ? await fetchAttachment(url, name) : { ok: false, reason: 'attachments were not fetched (--no-media)' })
    }
    return results
  }

  async function importAttachment(tx: Tx, item: WxrItem, fetched: AttachmentFetch | 'existing' | undefined) {
    const url = item.attachmentUrl || item.link
    if (fetched === 'existing') {
      report.attachments.existing++
      return
    }
    if (!url || !fetched) return skip('attachment', 'has no file URL', `WordPress id ${item.postId} (line ${item.line})`)
    const alt = (item.title || url.split('/').pop() || 'Imported image').slice(0, 300)
    const uploaderId = authorIds.get(item.creator) ?? fallbackAuthorId
    const importKey = key('attachment', item.postId)
    const placeholder = await tx.media.findUnique({ where: { importKey }, select: { id: true } })
    if (fetched.ok) {
      const file = { path: fetched.path, mimeType: fetched.mimeType, size: fetched.size, width: fetched.width, height: fetched.height, variants: JSON.stringify(fetched.variants), sourceUrl: url }
      const byPath = await tx.media.findUnique({ where: { path: fetched.path }, select: { id: true, importKey: true } })
      if (placeholder && byPath) await tx.media.delete({ where: { id: placeholder.id } })
      else if (placeholder) await tx.media.update({ where: { id: placeholder.id }, data: file })
      // The same file under another attachment id: one library entry serves both.
      if (byPath && !byPath.importKey) await tx.media.update({ where: { id: byPath.id }, data: { importKey, sourceUrl: url } })
      else if (!byPath && !placeholder) await tx.media.create({ data: { ...file, alt, importKey, uploaderId } })
      report.attachments.stored++
      touched.add(cacheTags.media)
      return
    }
    if (placeholder) {
      report.attachments.existing++
      skip('attachment file', `still at its original URL: ${fetched.reason}`, url)
      return
    }
    // Not fetched: recorded in the library with its original address, which posts keep using.
    if (!(await tx.media.findUnique({ where: { path: url }, select: { id: true } }))) {
      await tx.media.create({ data: { path: url, mimeType: mimeFromName(url), size: 0, alt, sourceUrl: url, importKey, uploaderId } })
    }
    report.attachments.linked++
    skip('attachment file', `kept at its original URL: ${fetched.reason}`, url)
  }

  async function writeBatch(items: WxrItem[]) {
    const fetched = await fetchAttachments(items)
    await db.$transaction(
      async (tx) => {
        for (const item of items) {
          if (item.postType === 'post' || item.postType === 'page') await importPost(tx, item)
          else if (item.postType === 'attachment') await importAttachment(tx, item, fetched.get(item.postId))
          else skip(item.postType || '(no type)', 'Daisy has no such content type', `“${item.title || item.postName || item.postId}” (line ${item.line})`)
        }
      },
      { timeout: 120_000 },
    )
  }

  let batch: WxrItem[] = []
  let done = 0
  const flush = async () => {
    if (batch.length === 0) return
    const items = batch
    batch = []
    try {
      await writeBatch(items)
    } catch (error) {
      const first = items[0]!
      throw new ImportStopped(`items from line ${first.line} (“${first.title || first.postId}”): ${(error as Error).message.split('\n').slice(-1)[0]}`)
    }
    done += items.length
    onProgress?.({ phase: 'importing', done, total })
  }

  try {
    await parseWxrFile(file, {
      author: importAuthor,
      term: noteTerm,
      item: async (item) => {
        batch.push(item)
        if (batch.length >= batchSize) await flush()
      },
    })
    await flush()
  } catch (error) {
    if (!(error instanceof ImportStopped)) throw error
    report.stoppedAt = error.message
  }
  // Also after a stop, and over every post of this site (earlier runs included): images stored by now
  // replace their old addresses, and featured images find their attachments.
  onProgress?.({ phase: 'finishing', done, total })
  await linkAttachmentsInPosts(db, `${siteKey}|`, touched)
  for (const { postId, attachmentKey } of featuredImages) {
    const media = await db.media.findUnique({ where: { importKey: attachmentKey }, select: { id: true, path: true } })
    // Only a stored copy can be a featured image (the page builds its sizes from the library).
    if (media && !isRemote(media.path)) await db.post.updateMany({ where: { id: postId, featuredImageId: null }, data: { featuredImageId: media.id } })
  }
  report.touched = [...touched]
  report.durationMs = Date.now() - started
  return report
}

class ImportStopped extends Error {}

/** A tag slug for a WordPress term; names Daisy's ASCII slugs cannot spell ("日記") get a stable one. */
function termSlug(slug: string, name: string): string {
  const plain = slugify(safeDecode(slug)) || slugify(htmlToPlainText(name))
  if (plain || !name.trim()) return plain
  return `tag-${createHash('sha256').update(name.trim()).digest('hex').slice(0, 8)}`
}

/** A cuid-like id made here, so a reply can name its parent within the same insert. */
function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString('hex')}`
}

/** Rows ordered so that every row comes after the row its parentId names (when that row is in the list). */
function parentsFirst<T extends { id: string; parentId?: string }>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]))
  const placed = new Set<string>()
  const ordered: T[] = []
  const done = new Set<string>()
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

function mimeFromName(url: string): string {
  const ext = url.split('?')[0]!.split('.').pop()?.toLowerCase() ?? ''
  const types: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml', pdf: 'application/pdf', mp3: 'audio/mpeg', mp4: 'video/mp4' }
  return types[ext] ?? 'application/octet-stream'
}

/**
 * Posts of the imported site that show an attachment now stored here point at the stored copy, as
 * WordPress's importer does: the original URL with either scheme, and the names WordPress gives the same
 * image ("photo-300x200.jpg", "photo-scaled.jpg", "photo-rotated.jpg", "photo-e1591234567.jpg").
 */
async function linkAttachmentsInPosts(db: Db, keyPrefix: string, touched: Set<string>) {
  const media = await db.media.findMany({ where: { importKey: { startsWith: keyPrefix }, sourceUrl: { not: null } }, select: { path: true, sourceUrl: true } })
  const patterns = media
    .filter((m) => !isRemote(m.path) && /^https?:\/\//i.test(m.sourceUrl!))
    .map((m) => {
      const url = m.sourceUrl!.replace(/^https?:/i, '')
      const slash = url.lastIndexOf('/')
      const dot = url.lastIndexOf('.')
      const [stem, ext] = dot > slash ? [url.slice(0, dot), url.slice(dot)] : [url, '']
      const base = stem.replace(/-(?:scaled|rotated)$/, '')
      const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      const variant = `(?:-e\\d{9,})?(?:-(?:scaled|rotated))?(?:-\\d+x\\d+)?`
      return { needle: base.slice(slash), pattern: new RegExp(`(?:https?:)?${escape(base)}${variant}${escape(ext)}`, 'gi'), to: `/media/${m.path}` }
    })
  if (patterns.length === 0) return
  let cursor: string | undefined
  for (;;) {
    const posts = await db.post.findMany({
      where: { importKey: { startsWith: keyPrefix }, format: 'HTML' },
      select: { id: true, slug: true, source: true, excerpt: true, password: true },
      orderBy: { id: 'asc' },
      take: 200,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    })
    if (posts.length === 0) return
    cursor = posts.at(-1)!.id
    for (const post of posts) {
      const relevant = patterns.filter((p) => post.source.includes(p.needle))
      if (relevant.length === 0) continue
      const source = relevant.reduce((text, p) => text.replace(p.pattern, p.to), post.source)
      if (source === post.source) continue
      const rendered = await renderStoredPost({ format: 'HTML', source, excerpt: post.excerpt, password: post.password })
      await db.post.update({ where: { id: post.id }, data: { source, html: rendered.html, plainText: rendered.plainText, wordCount: rendered.wordCount } })
      touched.add(cacheTags.post(post.slug))
    }
  }
}

const isRemote = (path: string) => /^https?:\/\//i.test(path)
