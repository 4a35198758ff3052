// An imported post or page: status, dates, slug, HTML body through the sanitizer, tags, old addresses as
// redirects, then its comments. Written inside the batch's transaction.
import { slugify, uniqueSlug } from '../content/slug'
import { renderStoredPost } from '../posts/render'
import { legacyPaths } from '../posts/redirect-path'
import { RESERVED_PAGE_SLUGS } from '../posts/reserved'
import { htmlToPlainText } from '../content/text'
import { tags as cacheTags } from '../cache/tags'
import { safeDecode, wpDateToInstant, type ImportRun, type Tx } from './run'
import { ensureTags } from './people-and-terms'
import { importComments } from './comments'
import type { WxrItem } from './wxr-parse'

export async function importPost(run: ImportRun, tx: Tx, item: WxrItem) {
  const { report } = run
  const type = item.postType === 'page' ? 'PAGE' : 'POST'
  const counts = type === 'PAGE' ? report.pages : report.posts
  if (item.status === 'auto-draft')
    return run.skip(
      item.postType,
      'an empty auto-draft',
      `“${item.title || '(no title)'}” (WordPress id ${item.postId}, line ${item.line})`,
    )
  const importKey = run.key('post', item.postId)
  let post = await tx.post.findUnique({ where: { importKey }, select: { id: true, slug: true, type: true } })
  if (post) counts.existing++
  else {
    post = await createPost(run, tx, item, type, importKey)
    counts.created++
    run.touched.add(cacheTags.post(post.slug))
  }
  const thumbnail = item.meta._thumbnail_id?.trim()
  if (thumbnail && /^\d+$/.test(thumbnail))
    run.featuredImages.push({ postId: post.id, attachmentKey: run.key('attachment', thumbnail) })
  await addRedirects(run, tx, item, post)
  await importComments(run, tx, item, post.id)
}

async function createPost(run: ImportRun, tx: Tx, item: WxrItem, type: 'POST' | 'PAGE', importKey: string) {
  const date = wpDateToInstant(item.postDateGmt, item.postDate, run.settings.timezone) ?? new Date()
  // A trashed post keeps the status it had before, as WordPress records it.
  const wpStatus = item.status === 'trash' ? (item.meta._wp_trash_meta_status ?? 'draft') : item.status
  const status = wpStatus === 'publish' ? 'PUBLISHED' : wpStatus === 'future' ? 'SCHEDULED' : 'DRAFT'
  const title = htmlToPlainText(item.title).slice(0, 200) || '(no title)'
  let base =
    slugify(safeDecode(item.postName)) || slugify(title) || `${type === 'PAGE' ? 'page' : 'post'}-${item.postId}`
  if (type === 'PAGE' && RESERVED_PAGE_SLUGS.has(base)) base = `${base}-page`
  const slug = await uniqueSlug(
    base,
    async (s) => !!(await tx.post.findUnique({ where: { slug: s }, select: { id: true } })),
  )
  const password = item.postPassword || null
  const rendered = await renderStoredPost({
    format: 'HTML',
    source: item.content,
    excerpt: htmlToPlainText(item.excerpt),
    password,
  })
  const tagSlugs = await ensureTags(run, tx, item)
  return tx.post.create({
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
      authorId: run.authorIds.get(item.creator) ?? run.settings.fallbackAuthorId,
      createdAt: date,
      tags: { connect: tagSlugs.map((s) => ({ slug: s })) },
    },
    select: { id: true, slug: true, type: true },
  })
}

/** The item's old permalink and shortlinks, each redirecting to the post unless another post has it. */
async function addRedirects(
  run: ImportRun,
  tx: Tx,
  item: WxrItem,
  post: { id: string; slug: string; type: 'POST' | 'PAGE' },
) {
  const newPath = post.type === 'PAGE' ? `/${post.slug}` : `/posts/${post.slug}`
  const paths = legacyPaths(item.link, item.postId, post.type).filter((p) => p !== newPath)
  const taken = new Map(
    (await tx.redirect.findMany({ where: { fromPath: { in: paths } }, select: { fromPath: true, postId: true } })).map(
      (r) => [r.fromPath, r.postId],
    ),
  )
  for (const fromPath of paths.filter((p) => taken.has(p))) {
    if (taken.get(fromPath) === post.id) run.report.redirects.existing++
    else run.skip('old address', 'already redirects to another post', fromPath)
  }
  const fresh = paths.filter((p) => !taken.has(p))
  if (fresh.length) await tx.redirect.createMany({ data: fresh.map((fromPath) => ({ fromPath, postId: post.id })) })
  run.report.redirects.created += fresh.length
}
