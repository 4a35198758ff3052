// Prisma's PostgreSQL adapter, with every transaction's connection returned to the pool however it ends.
//
// Prisma 6.19 ends an interactive transaction in two steps: it sends COMMIT (or ROLLBACK), then calls the
// adapter's commit() (or rollback()), which is what hands the connection back to the pool. When the COMMIT
// itself fails — PostgreSQL reports a Serializable transaction's conflict at commit as often as before it —
// the second step never runs: the connection stays checked out for good. Under a burst of comments each
// process lost its whole pool this way and then hung on every query (found by the two-node e2e storm).
import { PrismaPg } from '@prisma/adapter-pg'

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>

const ENDINGS = new Set(['COMMIT', 'ROLLBACK'])

export class PrismaPgReleasing extends PrismaPg {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect()
    const startTransaction = adapter.startTransaction.bind(adapter)
    adapter.startTransaction = async (isolationLevel) => releasingOnFailedEnd(await startTransaction(isolationLevel))
    return adapter
  }
}

/** A transaction whose failed COMMIT or ROLLBACK still returns its connection (PostgreSQL has rolled it back). */
export function releasingOnFailedEnd(transaction: Transaction): Transaction {
  const executeRaw = transaction.executeRaw.bind(transaction)
  transaction.executeRaw = async (query) => {
    try {
      return await executeRaw(query)
    } catch (error) {
      // rollback() sends nothing: it only releases the connection, which Prisma will not do now.
      if (ENDINGS.has(query.sql.trim().toUpperCase())) await transaction.rollback().catch(() => {})
      throw error
    }
  }
  return transaction
}
