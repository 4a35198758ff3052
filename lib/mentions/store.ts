// Storing a verified linkback: the duplicate check, the moderation history and the write in one transaction, so
// two simultaneous pings for the same source and post store one row.
import 'server-only'
import { db, type Db } from '@/lib/db'
import { lockUntilCommit, QUEUED_WRITER } from '@/lib/db/lock'
import { tags } from '@/lib/cache/tags'
import { decide, type PolicySettings } from '@/lib/comments/moderation'
import type { Settings } from '@/lib/settings/schema'
import type { MentionKind } from './kinds'
import { notifyNewResponse } from '@/lib/comments/notify'

const LINKBACK_KINDS: MentionKind[] = ['TRACKBACK', 'PINGBACK', 'WEBMENTION']

/** The linkback already registered from this source on this post, whatever its kind and status. */
export function findLinkback(client: Pick<Db, 'comment'>, postId: string, sourceUrl: string) {
  return client.comment.findFirst({
    where: { postId, sourceUrl, kind: { in: LINKBACK_KINDS } },
    select: { id: true, status: true },
  })
}

export interface LinkbackRecord {
  kind: MentionKind
  post: { id: string; slug: string }
  authorName: string
  authorUrl: string | null
  content: string
  html: string
  sourceUrl: string
  sourceTitle: string
  blogName: string | null
  targetUrl: string
  ip: string | null
}

export type StoreResult =
  | { stored: true; commentId: string; status: 'APPROVED' | 'PENDING' | 'SPAM'; reason: string; updated: boolean }
  | { stored: false }

/**
 * Stores the linkback, or refuses it as a duplicate (`stored: false`) — except a webmention, which updates the
 * one it had. In SQLite the transaction's read and write are serialized: a second writer that read before the
 * first committed fails with SQLITE_BUSY(_SNAPSHOT), and lib/db/index.ts runs its transaction again, which then sees
 * the row; on PostgreSQL the post's linkbacks take one writer at a time (lib/db/lock.ts). Returns the cache tags
 * it touched with the result.
 */
export async function storeLinkback(
  record: LinkbackRecord,
  settings: Settings & PolicySettings,
  client: Db = db,
): Promise<StoreResult & { touched: string[] }> {
  const { post, kind, sourceUrl } = record
  const { protocol, host } = new URL(sourceUrl)
  const origin = `${protocol}//${host}/`
  const result = await client.$transaction(async (tx): Promise<StoreResult> => {
    await lockUntilCommit(tx, `linkbacks:${post.id}`)
    const existing = await findLinkback(tx, post.id, sourceUrl)
    if (existing && kind !== 'WEBMENTION') return { stored: false }
    const approvedBefore = !!(await tx.comment.findFirst({
      where: { status: 'APPROVED', kind: { not: 'COMMENT' }, sourceUrl: { startsWith: origin } },
      select: { id: true },
    }))
    const decision = decide(
      {
        kind,
        authorName: record.authorName,
        authorUrl: record.authorUrl,
        content: record.content,
        ip: record.ip,
        sourceUrl,
      },
      settings,
      { approvedBefore },
    )
    const { post: _post, ...fields } = record
    const data = {
      ...fields,
      status: decision.status,
      reason: `${decision.reason} (verified: the source links here)`,
    }
    const comment = existing
      ? await tx.comment.update({
          where: { id: existing.id },
          data: {
            ...data,
            status: existing.status === 'APPROVED' && decision.status !== 'SPAM' ? 'APPROVED' : decision.status,
          },
          select: { id: true, status: true },
        })
      : await tx.comment.create({ data: { ...data, postId: post.id }, select: { id: true, status: true } })
    return {
      stored: true,
      commentId: comment.id,
      status: comment.status as 'APPROVED' | 'PENDING' | 'SPAM',
      reason: decision.reason,
      updated: !!existing,
    }
  }, QUEUED_WRITER)
  // The author hears of a new linkback (an updated webmention is not news).
  if (result.stored && !result.updated) await notifyNewResponse(result.commentId)
  const shown = result.stored && (result.status === 'APPROVED' || result.updated)
  return { ...result, touched: shown ? postTags(post) : [] }
}

/** A webmention whose source is gone or no longer links here: its mention goes to the trash. */
export async function takeDownLinkback(id: string, post: { id: string; slug: string }, reason: string) {
  await db.comment.update({ where: { id }, data: { status: 'TRASH', reason } })
  return postTags(post)
}

// Mentions are not counted on post cards: only the post's own pages change.
const postTags = (post: { id: string; slug: string }) => [tags.comments(post.id), tags.post(post.slug)]
