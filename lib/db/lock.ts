// One writer at a time for one thing (a post's comments, a source's linkback), on every node.
import type { Prisma } from '../generated/prisma/client'
import { provider } from '.'

/**
 * Transaction options for a writer that may queue behind others on the same key: a burst of comments on one
 * post waits its turn (for a connection, then for the lock) instead of failing after Prisma's 2 s / 5 s.
 */
export const QUEUED_WRITER = { maxWait: 5_000, timeout: 10_000 } as const

/**
 * Holds the lock named `key` until the transaction ends, so a check-then-insert (is this comment a
 * duplicate?) sees every earlier writer's row. PostgreSQL: a transaction-scoped advisory lock; each statement
 * after it reads what was committed before it was granted (READ COMMITTED). Serializable did the same job by
 * failing all but one of the writers, which under a burst of 200 left a third of them out of retries. SQLite:
 * nothing to take, it lets one connection write at a time and lib/db/index.ts reruns a transaction that read before
 * another one committed.
 */
export async function lockUntilCommit(tx: Prisma.TransactionClient, key: string): Promise<void> {
  if (provider !== 'postgresql') return
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`
}
