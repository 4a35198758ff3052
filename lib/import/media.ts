// Imported attachments: fetched before the batch's transaction (slow, remote), recorded in it; afterwards
// posts that show them are pointed at the stored copies.
import type { Db } from '../db'
import { renderStoredPost } from '../posts/render'
import { tags as cacheTags } from '../cache/tags'
import { safeDecode, type AttachmentFetch, type ImportRun, type Tx } from './run'
import type { WxrItem } from './wxr-parse'
import { isRemoteMedia, mediaUrl } from '../media/url'

export type FetchedAttachments = Map<string, AttachmentFetch | 'existing'>

/** Fetches the batch's attachments into the library (outside any transaction). */
export async function fetchAttachments(run: ImportRun, items: WxrItem[]): Promise<FetchedAttachments> {
  const { fetchAttachment, siteUrl } = run.settings
  const results: FetchedAttachments = new Map()
  for (const item of items) {
    if (item.postType !== 'attachment') continue
    const url = item.attachmentUrl || item.link
    const existing = await run.db.media.findUnique({
      where: { importKey: run.key('attachment', item.postId) },
      select: { path: true },
    })
    // Kept at its old address last time (old site down, --no-media): try again when fetching now.
    if (existing && !(isRemoteMedia(existing.path) && fetchAttachment)) {
      results.set(item.postId, 'existing')
      continue
    }
    if (!url) continue
    const name = safeDecode(new URL(url, siteUrl).pathname.split('/').pop() ?? '') || item.postName
    results.set(
      item.postId,
      fetchAttachment
        ? await fetchAttachment(url, name)
        : { ok: false, reason: 'attachments were not fetched (--no-media)' },
    )
  }
  return results
}

/** Records an attachment: the stored copy, or its original address when it could not be fetched. */
export async function importAttachment(
  run: ImportRun,
  tx: Tx,
  item: WxrItem,
  fetched: AttachmentFetch | 'existing' | undefined,
) {
  const { report } = run
  const url = item.attachmentUrl || item.link
  if (fetched === 'existing') {
    report.attachments.existing++
    return
  }
  if (!url || !fetched)
    return run.skip('attachment', 'has no file URL', `WordPress id ${item.postId} (line ${item.line})`)
  const alt = (item.title || url.split('/').pop() || 'Imported image').slice(0, 300)
  const uploaderId = run.authorIds.get(item.creator) ?? run.settings.fallbackAuthorId
  const importKey = run.key('attachment', item.postId)
  const placeholder = await tx.media.findUnique({ where: { importKey }, select: { id: true } })
  if (fetched.ok) {
    const file = {
      path: fetched.path,
      mimeType: fetched.mimeType,
      size: fetched.size,
      width: fetched.width,
      height: fetched.height,
      variants: JSON.stringify(fetched.variants),
      sourceUrl: url,
    }
    const byPath = await tx.media.findUnique({ where: { path: fetched.path }, select: { id: true, importKey: true } })
    if (placeholder && byPath) await tx.media.delete({ where: { id: placeholder.id } })
    else if (placeholder) await tx.media.update({ where: { id: placeholder.id }, data: file })
    // The same file under another attachment id: one library entry serves both.
    if (byPath && !byPath.importKey)
      await tx.media.update({ where: { id: byPath.id }, data: { importKey, sourceUrl: url } })
    else if (!byPath && !placeholder) await tx.media.create({ data: { ...file, alt, importKey, uploaderId } })
    report.attachments.stored++
    run.touched.add(cacheTags.media)
    return
  }
  if (placeholder) {
    report.attachments.existing++
    run.skip('attachment file', `still at its original URL: ${fetched.reason}`, url)
    return
  }
  // Not fetched: recorded in the library with its original address, which posts keep using.
  if (!(await tx.media.findUnique({ where: { path: url }, select: { id: true } }))) {
    await tx.media.create({
      data: { path: url, mimeType: mimeFromName(url), size: 0, alt, sourceUrl: url, importKey, uploaderId },
    })
  }
  report.attachments.linked++
  run.skip('attachment file', `kept at its original URL: ${fetched.reason}`, url)
}

/** Featured images (`_thumbnail_id`) of the posts met, once their attachments are in (only stored copies). */
export async function linkFeaturedImages(run: ImportRun) {
  for (const { postId, attachmentKey } of run.featuredImages) {
    const media = await run.db.media.findUnique({
      where: { importKey: attachmentKey },
      select: { id: true, path: true },
    })
    if (media && !isRemoteMedia(media.path))
      await run.db.post.updateMany({
        where: { id: postId, featuredImageId: null },
        data: { featuredImageId: media.id },
      })
  }
}

function mimeFromName(url: string): string {
  const ext = url.split('?')[0]!.split('.').pop()?.toLowerCase() ?? ''
  const types: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    gif: 'image/gif',
    webp: 'image/webp',
    avif: 'image/avif',
    svg: 'image/svg+xml',
    pdf: 'application/pdf',
    mp3: 'audio/mpeg',
    mp4: 'video/mp4',
  }
  return types[ext] ?? 'application/octet-stream'
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
// The names WordPress gives one image: edited (-e<timestamp>), big (-scaled), turned (-rotated), resized.
const VARIANT = `(?:-e\\d{9,})?(?:-(?:scaled|rotated))?(?:-\\d+x\\d+)?`

/**
 * Posts of the imported site that show an attachment now stored here point at the stored copy, as
 * WordPress's importer does: the original URL with either scheme, and the names WordPress gives the same
 * image ("photo-300x200.jpg", "photo-scaled.jpg", "photo-rotated.jpg", "photo-e1591234567.jpg").
 */
export async function linkAttachmentsInPosts(db: Db, keyPrefix: string, touched: Set<string>) {
  const media = await db.media.findMany({
    where: { importKey: { startsWith: keyPrefix }, sourceUrl: { not: null } },
    select: { path: true, sourceUrl: true },
  })
  const patterns = media
    .filter((m) => !isRemoteMedia(m.path) && /^https?:\/\//i.test(m.sourceUrl!))
    .map((m) => {
      const url = m.sourceUrl!.replace(/^https?:/i, '')
      const slash = url.lastIndexOf('/')
      const dot = url.lastIndexOf('.')
      const [stem, ext] = dot > slash ? [url.slice(0, dot), url.slice(dot)] : [url, '']
      const base = stem.replace(/-(?:scaled|rotated)$/, '')
      // The address without scheme or variant suffix: a post that does not contain it needs no regex.
      return {
        needle: base.toLowerCase(),
        pattern: new RegExp(`(?:https?:)?${escapeRegExp(base)}${VARIANT}${escapeRegExp(ext)}`, 'gi'),
        to: mediaUrl(m.path),
      }
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
      const lower = post.source.toLowerCase()
      const relevant = patterns.filter((p) => lower.includes(p.needle))
      if (relevant.length === 0) continue
      const source = relevant.reduce((text, p) => text.replace(p.pattern, p.to), post.source)
      if (source === post.source) continue
      const rendered = await renderStoredPost({
        format: 'HTML',
        source,
        excerpt: post.excerpt,
        password: post.password,
      })
      await db.post.update({
        where: { id: post.id },
        data: { source, html: rendered.html, plainText: rendered.plainText, wordCount: rendered.wordCount },
      })
      touched.add(cacheTags.post(post.slug))
    }
  }
}
