import { after } from 'next/server'
import { verifyQueuedMentions } from '@/lib/mentions/queue'
import { processOutgoingPings } from '@/lib/mentions/send'
import { mailJobs } from '@/lib/mail/outbox'
import { isWorkerRequest } from '@/lib/http/worker-secret'

/**
 * Wakes the job queues — webmentions received, pings to send, mail — after the response (instrumentation.ts
 * calls it at start and every minute). Secret-gated. Each kind claims its jobs in the database, so every node
 * may run this.
 */
export async function POST(request: Request) {
  if (!isWorkerRequest(request)) {
    return Response.json({ error: 'forbidden' }, { status: 403 })
  }
  after(async () => {
    await verifyQueuedMentions()
    await processOutgoingPings()
    await mailJobs.run()
  })
  return Response.json({ ok: true }, { status: 202 })
}
