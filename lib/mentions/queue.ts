// The durable webmention queue: a request stores a job and answers 202; jobs are verified after the
// response (and again after a restart, see instrumentation.ts), retried with back-off when the source fails.
import 'server-only'
import { db } from '@/lib/db'
import { receiveMention } from './receive'

const MAX_ATTEMPTS = 5
const BATCH = 10

// However many senders there are, the queue waiting for verification stays this long at most.
export const MAX_WAITING_JOBS = Number(process.env.WEBMENTION_QUEUE_MAX ?? 1000)

export class QueueFull extends Error {
  constructor() {
    super('The webmention queue is full.')
    this.name = 'QueueFull'
  }
}

/** A job for the pair (the one already waiting, if any); QueueFull when too many jobs wait. */
export async function enqueueWebmention(source: string, target: string) {
  const waiting = await db.mentionJob.findFirst({
    where: { source, target, status: { in: ['QUEUED', 'RUNNING'] } },
    select: { id: true },
  })
  if (waiting) return waiting
  if ((await db.mentionJob.count({ where: { status: { in: ['QUEUED', 'RUNNING'] } } })) >= MAX_WAITING_JOBS)
    throw new QueueFull()
  return db.mentionJob.create({ data: { source, target }, select: { id: true } })
}

let running = false

/** Verifies the jobs that are due. One pass at a time per process. */
export async function processMentionJobs(): Promise<number> {
  if (running) return 0
  running = true
  let done = 0
  try {
    // Jobs a crash left RUNNING for more than five minutes go back to the queue.
    await db.mentionJob.updateMany({
      where: { status: 'RUNNING', updatedAt: { lt: new Date(Date.now() - 5 * 60_000) } },
      data: { status: 'QUEUED' },
    })
    const jobs = await db.mentionJob.findMany({
      where: { status: 'QUEUED', runAfter: { lte: new Date() } },
      orderBy: { createdAt: 'asc' },
      take: BATCH,
    })
    for (const job of jobs) {
      const claimed = await db.mentionJob.updateMany({
        where: { id: job.id, status: 'QUEUED' },
        data: { status: 'RUNNING', attempts: { increment: 1 } },
      })
      if (claimed.count === 0) continue
      const outcome = await receiveMention({
        kind: 'WEBMENTION',
        source: job.source,
        target: job.target,
        ip: null,
      }).catch((error: unknown) => ({
        ok: false as const,
        code: 'UPSTREAM' as const,
        message: error instanceof Error ? error.message : 'verification failed',
      }))
      const attempts = job.attempts + 1
      if (outcome.ok) {
        await db.mentionJob.update({
          where: { id: job.id },
          data: {
            status: 'DONE',
            commentId: outcome.commentId,
            result: `${outcome.updated ? 'Updated' : 'Accepted'}: ${outcome.reason}`,
          },
        })
      } else if (outcome.code === 'UPSTREAM' && attempts < MAX_ATTEMPTS) {
        // Transient: try again in 1, 4, 16, 64 minutes.
        await db.mentionJob.update({
          where: { id: job.id },
          data: {
            status: 'QUEUED',
            result: outcome.message,
            runAfter: new Date(Date.now() + 4 ** (attempts - 1) * 60_000),
          },
        })
      } else {
        await db.mentionJob.update({ where: { id: job.id }, data: { status: 'FAILED', result: outcome.message } })
      }
      done++
    }
  } finally {
    running = false
  }
  return done
}
