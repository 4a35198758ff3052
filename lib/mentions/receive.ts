// Receiving a linkback (TrackBack, Pingback, Webmention): the target must be ours and open, the source must
// really link to it (fetched through the safe fetcher), and the moderation policy decides what shows.
import 'server-only'
import { db } from '@/lib/db'
import { tags } from '@/lib/cache-tags'
import { expireTags } from '@/lib/cache'
import { getAllSettings, getSiteUrl } from '@/lib/settings/queries'
import { decide } from '@/lib/comments/moderation'
import { renderExcerpt } from '@/lib/comments/render'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { FetchError, safeFetch } from '@/lib/http/fetch'
import { htmlToPlainText } from '@/lib/content/text'
import { inspectSource, normalizeUrl } from './verify'

export type MentionKind = 'TRACKBACK' | 'PINGBACK' | 'WEBMENTION'

export type Refusal =
  'INVALID' | 'SOURCE_MISSING' | 'NO_LINK' | 'TARGET_MISSING' | 'TARGET_CLOSED' | 'DUPLICATE' | 'DENIED' | 'UPSTREAM'

export type MentionOutcome =
  | { ok: true; commentId: string; status: 'APPROVED' | 'PENDING' | 'SPAM'; reason: string; updated: boolean }
  | { ok: false; code: Refusal; message: string }

const refuse = (code: Refusal, message: string): MentionOutcome => ({ ok: false, code, message })

export interface TargetPost {
  id: string
  slug: string
  pingsOpen: boolean
}

/** Finds the post a target URL names: it must be on this site, at /posts/<slug>, published. */
export async function resolveTarget(
  target: string,
): Promise<{ post: TargetPost } | { code: Refusal; message: string }> {
  const normalized = normalizeUrl(target)
  const site = normalizeUrl(await getSiteUrl())
  if (!normalized || !site) return { code: 'TARGET_MISSING', message: 'The target is not a web address.' }
  const siteUrl = new URL(site)
  const url = new URL(normalized)
  if (url.host !== siteUrl.host || url.protocol !== siteUrl.protocol)
    return { code: 'TARGET_MISSING', message: 'The target is not on this site.' }
  const match = /^\/posts\/([a-z0-9-]+)$/.exec(url.pathname)
  if (!match) return { code: 'TARGET_CLOSED', message: 'The target is not a post that accepts linkbacks.' }
  let post = await db.post.findFirst({
    where: { ...visiblePostsWhere(), slug: match[1] },
    select: { id: true, slug: true, pingsOpen: true },
  })
  if (!post) {
    // An old address of a post (renamed, or imported from WordPress), as findRedirect reads it: only while the
    // post it leads to is visible, so a trashed or unpublished post takes no linkbacks at its old addresses.
    const redirect = await db.redirect.findFirst({
      where: { fromPath: url.pathname, post: visiblePostsWhere() },
      select: { post: { select: { id: true, slug: true, pingsOpen: true } } },
    })
    post = redirect?.post ?? null
  }
  if (!post) return { code: 'TARGET_MISSING', message: 'There is no such post.' }
  if (!post.pingsOpen) return { code: 'TARGET_CLOSED', message: 'This post does not accept linkbacks.' }
  return { post }
}

/** The address a TrackBack to /trackback/<postId> is for (null: no such post). */
export async function trackbackTarget(postId: string): Promise<string | null> {
  const post = await db.post.findUnique({ where: { id: postId }, select: { slug: true } })
  return post ? `${await getSiteUrl()}/posts/${post.slug}` : null
}

export interface ReceiveInput {
  kind: MentionKind
  source: string
  target: string
  ip: string | null
  /** What a TrackBack sender says about itself. */
  claimed?: { title?: string; excerpt?: string; blogName?: string }
}

export async function receiveMention(input: ReceiveInput): Promise<MentionOutcome> {
  const source = normalizeUrl(input.source)
  if (!source) return refuse('INVALID', 'The source must be an http or https URL.')
  if (source === normalizeUrl(input.target)) return refuse('INVALID', 'The source and the target are the same.')
  const resolved = await resolveTarget(input.target)
  if ('code' in resolved) return refuse(resolved.code, resolved.message)
  const { post } = resolved

  const existing = await db.comment.findFirst({
    where: { postId: post.id, sourceUrl: source, kind: { in: ['TRACKBACK', 'PINGBACK', 'WEBMENTION'] } },
    select: { id: true, status: true, kind: true },
  })
  if (existing && input.kind !== 'WEBMENTION')
    return refuse('DUPLICATE', 'A linkback from this source is already registered.')

  let page
  try {
    page = await safeFetch(input.source)
  } catch (error) {
    if (error instanceof FetchError) {
      if (error.code === 'BLOCKED_ADDRESS') return refuse('DENIED', 'The source is on a private network.')
      if (error.code === 'RATE_LIMITED') return refuse('DENIED', error.message)
      if (error.code === 'BAD_URL' || error.code === 'DNS')
        return refuse('SOURCE_MISSING', `The source cannot be fetched: ${error.message}`)
      return refuse('UPSTREAM', `The source could not be fetched: ${error.message}`)
    }
    throw error
  }
  const gone = page.status === 404 || page.status === 410
  const facts = gone ? null : inspectSource(page.body, page.url, input.target)
  if (!facts?.linksToTarget) {
    // A webmention's source that is gone or no longer links takes its mention down.
    if (existing && input.kind === 'WEBMENTION') {
      await db.comment.update({
        where: { id: existing.id },
        data: {
          status: 'TRASH',
          reason: gone
            ? `The source now answers ${page.status}: mention deleted`
            : 'The source no longer links here: mention deleted',
        },
      })
      expireTags([tags.comments(post.id), tags.post(post.slug), tags.posts])
    }
    if (gone) return refuse('SOURCE_MISSING', `The source answers ${page.status}.`)
    return refuse('NO_LINK', 'The source does not link to the target.')
  }
  if (page.status >= 400) return refuse('UPSTREAM', `The source answers ${page.status}.`)

  const claimedExcerpt = input.claimed?.excerpt ? htmlToPlainText(input.claimed.excerpt).slice(0, 500) : ''
  const excerpt = (input.kind === 'TRACKBACK' && claimedExcerpt) || facts.excerpt || claimedExcerpt || ''
  const title = (input.claimed?.title && htmlToPlainText(input.claimed.title)) || facts.title || source
  const blogName = (input.claimed?.blogName && htmlToPlainText(input.claimed.blogName)) || facts.blogName
  const authorName = (facts.authorName || blogName || new URL(source).hostname).slice(0, 100)
  const host = new URL(source).host

  const settings = await getAllSettings()
  const approvedBefore = !!(await db.comment.findFirst({
    where: {
      status: 'APPROVED',
      kind: { not: 'COMMENT' },
      sourceUrl: { startsWith: `${new URL(source).protocol}//${host}/` },
    },
    select: { id: true },
  }))
  const decision = decide(
    { kind: input.kind, authorName, authorUrl: facts.authorUrl, content: excerpt, ip: input.ip, sourceUrl: source },
    settings,
    { approvedBefore },
  )
  const data = {
    kind: input.kind,
    status: decision.status,
    reason: `${decision.reason} (verified: the source links here)`,
    authorName,
    authorUrl: facts.authorUrl,
    content: excerpt,
    html: renderExcerpt(excerpt),
    sourceUrl: source,
    sourceTitle: title.slice(0, 300),
    blogName: blogName?.slice(0, 200) ?? null,
    targetUrl: input.target.slice(0, 2000),
    ip: input.ip,
  }
  const comment = existing
    ? await db.comment.update({
        where: { id: existing.id },
        data: {
          ...data,
          status: existing.status === 'APPROVED' && decision.status !== 'SPAM' ? 'APPROVED' : decision.status,
        },
        select: { id: true, status: true },
      })
    : await db.comment.create({ data: { ...data, postId: post.id }, select: { id: true, status: true } })
  if (comment.status === 'APPROVED' || existing) expireTags([tags.comments(post.id), tags.post(post.slug), tags.posts])
  return {
    ok: true,
    commentId: comment.id,
    status: comment.status as 'APPROVED' | 'PENDING' | 'SPAM',
    reason: decision.reason,
    updated: !!existing,
  }
}
