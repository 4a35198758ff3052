import { after } from 'next/server'
import { processMentionJobs } from '@/lib/mentions/queue'

/** Wakes the webmention queue (instrumentation.ts calls it at start and every minute). Secret-gated. */
export async function POST(request: Request) {
  if (!process.env.NEXTAUTH_SECRET || request.headers.get('x-daisy-worker') !== process.env.NEXTAUTH_SECRET) {
    return Response.json({ error: 'forbidden' }, { status: 403 })
  }
  after(() => processMentionJobs())
  return Response.json({ ok: true }, { status: 202 })
}
