// Reads for the linkback routes and the editor: where a TrackBack goes, a webmention's status, the pings a post sent.
import 'server-only'
import { db } from '@/lib/db'
import { getSiteUrl } from '@/lib/settings/queries'
import { webmentionJobs } from './queue'

/** The address a TrackBack to /trackback/<postId> is for (null: no such post). */
export async function trackbackTarget(postId: string): Promise<string | null> {
  const post = await db.post.findUnique({ where: { id: postId }, select: { slug: true } })
  return post ? `${await getSiteUrl()}/posts/${post.slug}` : null
}

const STATE = { QUEUED: 'queued', RUNNING: 'verifying', DONE: 'accepted', FAILED: 'refused' } as const

/** What the status address of a received webmention shows (null: no such webmention). */
export async function getWebmentionStatus(id: string) {
  const job = await webmentionJobs.find(id)
  if (!job) return null
  const { payload, status, ...rest } = job
  return {
    status: STATE[status],
    source: payload.source,
    target: payload.target,
    ...rest,
    waiting: status === 'QUEUED',
  }
}

/** Every linkback a post sent or will send, with the state of its job. */
export async function listOutgoingPings(postId: string) {
  const pings = await db.outgoingPing.findMany({
    where: { postId },
    orderBy: { createdAt: 'asc' },
    include: { job: { select: { status: true, attempts: true } } },
  })
  return pings.map(({ job, ...ping }) => ({ ...ping, status: job?.status ?? 'DONE', attempts: job?.attempts ?? 0 }))
}
