import { after } from 'next/server'
import { verifyQueuedMentions } from '@/lib/mentions/queue'
import { getWebmentionStatus } from '@/lib/mentions/queries'

/** The status of one received webmention: queued, verifying, accepted (with the moderation reason) or refused. */
export async function GET(_request: Request, { params }: RouteContext<'/webmention/[id]'>) {
  const { id } = await params
  const job = await getWebmentionStatus(id)
  if (!job) return Response.json({ error: 'No such webmention.' }, { status: 404 })
  const { waiting, ...status } = job
  if (waiting) after(() => verifyQueuedMentions())
  return Response.json(status, { headers: { 'cache-control': 'no-store' } })
}
