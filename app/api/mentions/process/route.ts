import { after } from 'next/server'
import { processMentionJobs } from '@/lib/mentions/queue'
import { processOutgoingPings } from '@/lib/mentions/send'

/** Wakes the linkback queues (webmentions received, pings to send) (instrumentation.ts calls it at start and every minute). Secret-gated. */
export async function POST(request: Request) {
  if (!process.env.NEXTAUTH_SECRET || request.headers.get('x-daisy-worker') !== process.env.NEXTAUTH_SECRET) {
    return Response.json({ error: 'forbidden' }, { status: 403 })
  }
  after(async () => {
    await processMentionJobs()
    await processOutgoingPings()
  })
  return Response.json({ ok: true }, { status: 202 })
}
