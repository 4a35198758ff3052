// "Another connection is writing": recognising SQLite's lock errors as they come out of Prisma, and retrying.
//
// How they surface (Prisma 6.19, @prisma/adapter-better-sqlite3, measured against a `sqlite3` shell holding
// `BEGIN IMMEDIATE`):
// - a single write waits better-sqlite3's busy timeout (lib/db/index.ts), then fails with PrismaClientKnownRequestError
//   P1008 "Operation has timed out", meta.driverAdapterError.cause = { originalCode: 'SQLITE_BUSY',
//   originalMessage: 'database is locked', kind: 'SocketTimeout' };
// - a transaction that read before it writes fails the same way at once, without waiting: SQLite refuses to
//   turn a reader into a writer while another connection writes (lib/db/index.ts retries those transactions);
// - if another connection committed since the transaction read, the code is SQLITE_BUSY_SNAPSHOT;
// - while a migration holds the file exclusively, reads fail too (P1008 / SQLITE_BUSY).

/** The words for people when a write could not get in; say what happened to their input where you use it. */
export const DATABASE_BUSY_MESSAGE = 'The blog is busy right now. Please try again in a moment.'

const GAVE_UP = Symbol.for('daisy.busyRetryGaveUp')

/**
 * Is this error the database saying another connection got there first (SQLite's lock, PostgreSQL's
 * serialization failure), rather than anything being wrong?
 */
export function isDatabaseBusy(error: unknown): boolean {
  const seen = new Set<unknown>()
  const stack: unknown[] = [error]
  while (stack.length > 0) {
    const current = stack.pop()
    if (!current || typeof current !== 'object' || seen.has(current)) continue
    seen.add(current)
    const e = current as {
      code?: unknown
      originalCode?: unknown
      kind?: unknown
      message?: unknown
      originalMessage?: unknown
      cause?: unknown
      meta?: unknown
      driverAdapterError?: unknown
    }
    for (const code of [e.code, e.originalCode]) {
      if (typeof code !== 'string') continue
      if (/^SQLITE_(BUSY|LOCKED)/.test(code) || code === 'P1008') return true
      // PostgreSQL: a Serializable transaction lost to a concurrent one (40001), or a deadlock (40P01), which
      // Prisma reports as P2034. Nothing was written; running the transaction again is the cure.
      if (code === '40001' || code === '40P01' || code === 'P2034') return true
      // Interactive transactions that ran out of time waiting for the lock (maxWait or timeout).
      if (code === 'P2028' && typeof e.message === 'string' && /given time|expired|timeout|timed out/i.test(e.message))
        return true
    }
    if (e.kind === 'SocketTimeout' || e.kind === 'TransactionWriteConflict') return true
    for (const message of [e.message, e.originalMessage]) {
      if (typeof message === 'string' && /database (table )?is locked|SQLITE_BUSY/.test(message)) return true
    }
    stack.push(e.cause, e.meta, e.driverAdapterError)
  }
  return false
}

export interface BusyRetryOptions {
  /** Give up once this much time has passed (ms); the last error is rethrown. Default 3000. */
  budgetMs?: number
  /** First pause between tries (ms); doubles up to 500 ms, with jitter. Default 50. */
  delayMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `fn`, and runs it again while it fails with a lock error, pausing between tries without blocking the
 * event loop, for at most `budgetMs`; then rethrows (check with `isDatabaseBusy` to show a friendly message).
 * `fn` may run several times: give it only database work, or side effects that are safe to repeat. Errors
 * that already went through a retry (transactions in lib/db/index.ts retry themselves) are not retried again.
 */
export async function withBusyRetry<T>(
  fn: () => Promise<T>,
  { budgetMs = 3000, delayMs = 50 }: BusyRetryOptions = {},
): Promise<T> {
  const deadline = Date.now() + budgetMs
  let pause = delayMs
  for (;;) {
    try {
      return await fn()
    } catch (error) {
      if (!isDatabaseBusy(error) || (error as { [GAVE_UP]?: boolean })?.[GAVE_UP]) throw error
      const wait = Math.min(pause * (0.75 + Math.random() / 2), deadline - Date.now())
      if (wait <= 0) {
        try {
          Object.defineProperty(error, GAVE_UP, { value: true })
        } catch {
          // a primitive or frozen error: an outer retry may try once more, no harm
        }
        throw error
      }
      await sleep(wait)
      pause = Math.min(pause * 2, 500)
    }
  }
}
