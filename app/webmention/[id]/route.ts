import { after } from 'next/server'
import { db } from '@/lib/db'
import { processMentionJobs } from '@/lib/mentions/queue'

/** The status of one received webmention: queued, verifying, accepted (with the moderation reason) or refused. */
export async function GET(_request: Request, { params }: RouteContext<'/webmention/[id]'>) {
  const { id } = await params
  const job = await db.mentionJob.findUnique({
    where: { id },
    select: {
      status: true,
      source: true,
      target: true,
      result: true,
      attempts: true,
      createdAt: true,
      updatedAt: true,
    },
  })
  if (!job) return Response.json({ error: 'No such webmention.' }, { status: 404 })
  if (job.status === 'QUEUED') after(() => processMentionJobs())
  const state = { QUEUED: 'queued', RUNNING: 'verifying', DONE: 'accepted', FAILED: 'refused' }[job.status]
  return Response.json({ ...job, status: state }, { headers: { 'cache-control': 'no-store' } })
}
