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
  // A delivery mostly waits on another server: several at once, so one slow inbox does not hold up the rest.
  batch: 50,
  concurrency: 4,
  async handle(task) {
    // Every inbox was checked when it was learnt; checked again as it is delivered to (an address can change).
    const inbox = (task as { inbox?: string }).inbox
    if (inbox && !(await isPublicUrl(inbox))) return { ok: true, result: `Not sent: ${inbox} is not a public address` }
    const { federationForSite } = await import('./federation')
    const federation = await federationForSite()
    // A delivery that goes through brings a failing instance back (lib/federation/instances.ts).
    await trackDelivery(inbox, () => federation.processQueuedTask(undefined, task))
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
