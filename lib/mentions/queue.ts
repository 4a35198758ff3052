// The webmention queue: a request stores a job and answers 202; the job runner (lib/jobs/) verifies it after the
// response (and again after a restart, see instrumentation.ts), retrying in 1, 4, 16, 64 minutes when the source
// fails.
import 'server-only'
import { expireTags } from '@/lib/cache'
import { env } from '@/lib/env'
import { defineJobKind } from '@/lib/jobs/runner'
import { receiveMention } from './receive'

// However many senders there are, the queue waiting for verification stays this long at most.
export const MAX_WAITING_JOBS = env.WEBMENTION_QUEUE_MAX

export class QueueFull extends Error {
  constructor() {
    super('The webmention queue is full.')
    this.name = 'QueueFull'
  }
}

export interface WebmentionJob {
  source: string
  target: string
}

export const webmentionJobs = defineJobKind<WebmentionJob>({
  name: 'webmention',
  maxAttempts: 5,
  retryMinutes: 1,
  batch: 10,
  async handle({ source, target }) {
    const outcome = await receiveMention({ kind: 'WEBMENTION', source, target, ip: null })
    if (outcome.ok)
      return {
        ok: true,
        result: `${outcome.updated ? 'Updated' : 'Accepted'}: ${outcome.reason}`,
        touched: outcome.touched,
      }
    // Only a source that failed to answer is worth another try.
    return { ok: false, retry: outcome.code === 'UPSTREAM', result: outcome.message, touched: outcome.touched }
  },
})

/** A job for the pair (the one already waiting, if any); QueueFull when too many jobs wait. */
export async function enqueueWebmention(source: string, target: string) {
  const key = `${source} ${target}`
  const waiting = await webmentionJobs.findWaiting(key)
  if (waiting) return waiting
  if ((await webmentionJobs.countWaiting()) >= MAX_WAITING_JOBS) throw new QueueFull()
  return webmentionJobs.enqueue({ source, target }, { key })
}

/** Verifies the webmentions that are due (one pass); returns how many ran and the cache tags they touched. */
export function processMentionJobs() {
  return webmentionJobs.run()
}

/** The same, in a request or after() callback: expires the tags the accepted mentions touched. */
export async function verifyQueuedMentions(): Promise<void> {
  expireTags((await processMentionJobs()).touched)
}
