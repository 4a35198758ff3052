// The federation library's message queue on Daisy's job runner: every delivery (and every fan-out of a post to
// its followers' inboxes) is a row in Job, claimed in the database — so exactly one node sends it — and run
// as soon as it is queued, by the process that queued it. The library keeps its own retry schedule (it queues a
// failed delivery again with a delay), so a job is run once and its outcome recorded, never retried here.
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify'
import { db } from '@/lib/db'
import { defineJobKind } from '@/lib/jobs/runner'
import { wakeOtherNodes } from '@/lib/jobs/wake'
import { isPublicUrl } from './public-url'
import { trackDelivery } from './instances'

type Task = Parameters<import('@fedify/fedify').Federation<void>['processQueuedTask']>[1]

export const fediverseJobs = defineJobKind<Task>({
  name: 'fediverse',
  maxAttempts: 1,
  retryMinutes: 1,
  // One at a time: the bench's fan-out to 1,000 instances took 24.6 s with reader p99 39 ms on 2 cores; two at
  // once 16.6 s and 59 ms, four 12.0 s and 72 ms (each delivery's signing and bookkeeping is the readers' CPU). A
  // slow inbox gives up its turn after SLOT_MS.
  batch: 50,
  concurrency: 1,
  async handle(task) {
    // Every inbox was checked when it was learnt; checked again as it is delivered to (an address can change).
    const inbox = (task as { inbox?: string }).inbox
    if (inbox && !(await isPublicUrl(inbox))) return { ok: true, result: `Not sent: ${inbox} is not a public address` }
    const { federationForSite } = await import('./federation')
    const federation = await federationForSite()
    // A delivery that goes through brings a failing instance back (lib/federation/instances.ts).
    const delivery = trackDelivery(inbox, () => federation.processQueuedTask(undefined, task))
    // An inbox that takes the connection and never answers (a tarpit, a dying server) would hold the queue for the
    // library's whole request timeout: after SLOT_MS the queue goes on; the request finishes (or fails, and is
    // retried by the library) on its own.
    let timer: NodeJS.Timeout | undefined
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), SLOT_MS)
      timer.unref()
    })
    const outcome = await Promise.race([delivery.then(() => 'done' as const), slow]).finally(() => clearTimeout(timer))
    if (outcome === 'slow') {
      delivery.catch((error: unknown) => console.error('daisy: a slow fediverse delivery', error))
      return { ok: true, result: `${describe(task)}: no answer within ${SLOT_MS / 1000} s; left running` }
    }
    return { ok: true, result: describe(task) }
  },
})

function describe(task: Task): string {
  const { type } = task as { type?: string }
  const inbox = (task as { inbox?: string }).inbox
  return inbox ? `${type} to ${inbox}` : String(type)
}

/** Runs the queue soon, off the caller's path (a pass already under way runs once more). */
export function runFediverseJobsSoon(): void {
  setTimeout(() => {
    fediverseJobs.run().catch((error: unknown) => console.error('daisy: fediverse deliveries', error))
  }, 0).unref()
}

/** How long one delivery may hold the queue before the next goes (the slow one still finishes). */
const SLOT_MS = 10_000

/** Rows per insert when a fan-out queues its deliveries (well under SQLite's 32,766 bound parameters). */
const ENQUEUE_CHUNK = 200

export class JobMessageQueue implements MessageQueue {
  readonly nativeRetrial = false

  async enqueue(message: Task, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options)
  }

  async enqueueMany(messages: readonly Task[], options?: MessageQueueEnqueueOptions): Promise<void> {
    const delay = options?.delay?.total({ unit: 'millisecond' }) ?? 0
    const runAfter = new Date(Date.now() + Math.max(0, delay))
    // One statement for a fan-out's thousand deliveries: a loop of inserts (SQLite answers each at once, so the
    // loop never yields) held every reader's request for most of a second in the fan-out bench.
    for (let i = 0; i < messages.length; i += ENQUEUE_CHUNK) {
      await db.job.createMany({
        data: messages.slice(i, i + ENQUEUE_CHUNK).map((message) => ({
          kind: fediverseJobs.name,
          payload: JSON.stringify(message),
          runAfter,
        })),
      })
      await new Promise((resolve) => setImmediate(resolve))
    }
    runFediverseJobsSoon()
    // A fan-out is shared by every node: the others start on it now, not at their next minute's wake.
    if (messages.length > 1 && delay === 0) wakeOtherNodes(fediverseJobs.name)
  }

  /** Nothing to listen to: the job runner hands each task to the library (processQueuedTask). */
  listen(_handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    return new Promise((resolve) => options?.signal?.addEventListener('abort', () => resolve()))
  }
}
