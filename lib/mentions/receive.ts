// Receiving a linkback (TrackBack, Pingback, Webmention): the target must be ours and open, the source must
// really link to it (fetched through the safe fetcher), and the moderation policy decides what shows.
import 'server-only'
import { db } from '@/lib/db'
import { policySettings } from '@/lib/comments/policy'
import { blockedDomainOf } from '@/lib/comments/moderation'
import { renderExcerpt } from '@/lib/comments/render'
import { FetchError, safeFetch } from '@/lib/http/fetch'
import { htmlToPlainText } from '@/lib/content/text'
import { inspectSource, normalizeUrl } from './verify'
import { findLinkback, storeLinkback, takeDownLinkback } from './store'
import { resolveTarget } from './target'
import type { MentionKind, Refusal } from './kinds'

export type { MentionKind, Refusal } from './kinds'

/** `touched`: the cache tags the write changed, for the caller to expire (a route, or the job runner's caller). */
export type MentionOutcome =
  | {
      ok: true
      commentId: string
      status: 'APPROVED' | 'PENDING' | 'SPAM'
      reason: string
      updated: boolean
      touched: string[]
    }
  | { ok: false; code: Refusal; message: string; touched: string[] }

const refuse = (code: Refusal, message: string, touched: string[] = []): MentionOutcome => ({
  ok: false,
  code,
  message,
  touched,
})

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

  // Checked again where the linkback is stored; here it spares a fetch for a ping that will be refused anyway.
  const existing = await findLinkback(db, post.id, source)
  if (existing && input.kind !== 'WEBMENTION')
    return refuse('DUPLICATE', 'A linkback from this source is already registered.')

  // A blocked instance's pings are refused before its page is fetched (Admin → Fediverse → Blocked).
  const settings = await policySettings()
  const blocked = blockedDomainOf(settings.blockedDomains, {
    kind: input.kind,
    authorName: '',
    content: '',
    sourceUrl: source,
  })
  if (blocked) return refuse('DENIED', 'Linkbacks from this site are not accepted.')

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
    const touched =
      existing && input.kind === 'WEBMENTION'
        ? await takeDownLinkback(
            existing.id,
            post,
            gone
              ? `The source now answers ${page.status}: mention deleted`
              : 'The source no longer links here: mention deleted',
          )
        : []
    if (gone) return refuse('SOURCE_MISSING', `The source answers ${page.status}.`, touched)
    return refuse('NO_LINK', 'The source does not link to the target.', touched)
  }
  if (page.status >= 400) return refuse('UPSTREAM', `The source answers ${page.status}.`)

  const claimedExcerpt = input.claimed?.excerpt ? htmlToPlainText(input.claimed.excerpt).slice(0, 500) : ''
  const excerpt = (input.kind === 'TRACKBACK' && claimedExcerpt) || facts.excerpt || claimedExcerpt || ''
  const title = (input.claimed?.title && htmlToPlainText(input.claimed.title)) || facts.title || source
  const blogName = (input.claimed?.blogName && htmlToPlainText(input.claimed.blogName)) || facts.blogName
  const authorName = (facts.authorName || blogName || new URL(source).hostname).slice(0, 100)
  const stored = await storeLinkback(
    {
      kind: input.kind,
      post,
      authorName,
      authorUrl: facts.authorUrl,
      content: excerpt,
      html: renderExcerpt(excerpt),
      sourceUrl: source,
      sourceTitle: title.slice(0, 300),
      blogName: blogName?.slice(0, 200) ?? null,
      targetUrl: input.target.slice(0, 2000),
      ip: input.ip,
    },
    settings,
  )
  if (!stored.stored) return refuse('DUPLICATE', 'A linkback from this source is already registered.')
  const { stored: _stored, ...outcome } = stored
  return { ok: true, ...outcome }
}
