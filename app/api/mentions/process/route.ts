import { after } from 'next/server'
import { verifyQueuedMentions } from '@/lib/mentions/queue'
import { processOutgoingPings } from '@/lib/mentions/send'
import { isWorkerRequest } from '@/lib/http/worker-secret'

/** Wakes the linkback queues (webmentions received, pings to send) (instrumentation.ts calls it at start and every minute). Secret-gated. */
export async function POST(request: Request) {
  if (!isWorkerRequest(request)) {
    return Response.json({ error: 'forbidden' }, { status: 403 })
  }
  after(async () => {
    await verifyQueuedMentions()
    await processOutgoingPings()
  })
  return Response.json({ ok: true }, { status: 202 })
}
