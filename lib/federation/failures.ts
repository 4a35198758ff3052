// Deliveries that failed lately, by instance, for the admin: the federation library tries a failed delivery
// again on its own schedule and gives up after its last try (or at once on 404/410); each failure is noted
// here for a week, so the admin can see which instances are not taking the blog's posts, and why.
import 'server-only'
import { Temporal } from '@js-temporal/polyfill'
import { SendActivityError } from '@fedify/fedify'
import { DatabaseKvStore } from './kv'
import { markAttemptFailed, noteInstanceFailure } from './instances'

const PREFIX = ['daisy', 'delivery-failure'] as const
const KEPT = Temporal.Duration.from({ days: 7 })

export interface DeliveryFailure {
  host: string
  at: number
  status: number | null
  message: string
  /** Given up for good (the inbox answered 404 or 410): its followers were removed. */
  permanent: boolean
}

const kv = new DatabaseKvStore()

/** Notes a failed delivery (never throws: it runs in the library's error path). */
export async function noteFailure(error: Error, permanent = false): Promise<void> {
  try {
    const inbox =
      error instanceof SendActivityError
        ? error.inbox.href
        : (/^(https?:\/\/[^\s:]+(?::\d+)?\/\S*?):/.exec(error.message)?.[1] ?? null)
    if (!inbox) return
    const host = new URL(inbox).host
    const failure: DeliveryFailure = {
      host,
      at: Date.now(),
      status: error instanceof SendActivityError ? error.statusCode : null,
      message: error.message.slice(0, 300),
      permanent,
    }
    await kv.set([...PREFIX, host], failure, { ttl: KEPT })
    markAttemptFailed()
    await noteInstanceFailure(inbox, failure.message)
  } catch {
    // Nothing to note it in: the log line the caller writes is all there is.
  }
}

/** The instances whose deliveries failed in the last week, the latest first. */
export async function recentFailures(limit = 50): Promise<DeliveryFailure[]> {
  const failures: DeliveryFailure[] = []
  for await (const { value } of kv.list([...PREFIX])) failures.push(value as DeliveryFailure)
  return failures.sort((a, b) => b.at - a.at).slice(0, limit)
}
