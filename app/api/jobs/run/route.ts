import { after } from 'next/server'
import { verifyQueuedMentions } from '@/lib/mentions/queue'
import { processOutgoingPings } from '@/lib/mentions/send'
import { mailJobs } from '@/lib/mail/outbox'
import { housekeeping } from '@/lib/jobs/housekeeping'
import { isWorkerRequest } from '@/lib/http/worker-secret'
import { postDeliveries } from '@/lib/federation/publish'
import { fediverseJobs } from '@/lib/federation/queue'

/**
 * Wakes the job queues — webmentions received, pings to send, mail, fediverse deliveries — after the response (instrumentation.ts
 * calls it at start and every minute), then the hourly housekeeping. Secret-gated. Each kind claims its jobs in
 * the database, and the housekeeping its lease, so every node may run this.
 */
export async function POST(request: Request) {
  if (!isWorkerRequest(request)) {
    return Response.json({ error: 'forbidden' }, { status: 403 })
  }
  after(async () => {
    await verifyQueuedMentions()
    await processOutgoingPings()
    await mailJobs.run()
    await postDeliveries.run()
    await fediverseJobs.run()
    await housekeeping()
  })
  return Response.json({ ok: true }, { status: 202 })
}
