// The one Prisma client, for the database DATABASE_URL names: SQLite through better-sqlite3 (with the pragmas
// Daisy relies on), or PostgreSQL through node-postgres. Both clients are generated from the same models
// (scripts/lib/providers.ts), so the app is typed against the SQLite one and runs on either.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '../generated/prisma/client'
import { PrismaClient as PostgresClient } from '../generated/prisma-postgresql/client'
import { env } from '@/lib/env'
import { providerOfUrl, type DatabaseProvider } from './url'
import { withBusyRetry } from './busy'
import { PrismaPgReleasing } from './pg-adapter'

/**
 * How long one statement waits for another connection's write lock (better-sqlite3's busy_timeout, applied by
 * the adapter). The wait is synchronous and blocks the whole server, so it is kept short: Daisy's own writes
 * take milliseconds, and a lock held longer (a sqlite3 shell, a migration) is better met by an async retry
 * (lib/db/busy.ts) and a clear message than by freezing every request for seconds.
 */
export const BUSY_TIMEOUT_MS = 1000

/** The database this process runs on. */
export const provider: DatabaseProvider = providerOfUrl(env.DATABASE_URL) ?? 'sqlite'

/** Connections each process keeps to PostgreSQL (several nodes share the server's max_connections). */
const PG_POOL_SIZE = env.DATABASE_POOL_SIZE

/**
 * A client for the given database URL (the app uses the one `db` below; tests make their own). `poolSize`:
 * PostgreSQL connections (DATABASE_POOL_SIZE).
 */
export function createClient(url: string, { poolSize = PG_POOL_SIZE }: { poolSize?: number } = {}): PrismaClient {
  if (providerOfUrl(url) === 'postgresql') return createPostgresClient(url, poolSize)
  // `timeout` is better-sqlite3's busy_timeout: writers wait for a lock instead of failing with SQLITE_BUSY.
  const client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS }),
    // DAISY_LOG_SQL=1 prints every query: the way to see that a cached page does no database work.
    log: env.DAISY_LOG_SQL === '1' ? ['query'] : [],
  })
  // The adapter holds a single connection, so these run first and hold for every later query.
  // WAL lets readers go on while a write commits; foreign_keys makes SQLite enforce the relations.
  const pragmas = Promise.all([
    client.$queryRawUnsafe('PRAGMA journal_mode = WAL'),
    client.$queryRawUnsafe('PRAGMA foreign_keys = ON'),
    client.$queryRawUnsafe('PRAGMA synchronous = NORMAL'),
  ])
  pragmas.catch((error: unknown) => console.error('daisy: could not set SQLite pragmas', error))
  // Interactive transactions begin deferred (plain BEGIN), so their first write must turn a read lock into a
  // write lock, which SQLite refuses at once (no busy wait) while another connection writes, and refuses for
  // good (SQLITE_BUSY_SNAPSHOT) if another one committed since the transaction's first read. Nothing was
  // written then, so the whole transaction runs again, for up to 3 s. Keep callbacks to database work.
  return retryingTransactions(client)
}

/** Runs an interactive transaction again (lib/db/busy.ts) when it lost to another writer, having written nothing. */
function retryingTransactions<C extends { $transaction: unknown }>(client: C): C {
  const transaction = (client.$transaction as (...args: unknown[]) => Promise<unknown>).bind(client)
  client.$transaction = ((arg: unknown, options?: unknown) =>
    typeof arg === 'function'
      ? withBusyRetry(() => transaction(arg, options))
      : transaction(arg, options)) as C['$transaction']
  return client
}

/**
 * PostgreSQL: a pool of connections; a Serializable transaction that loses to another one fails with a
 * serialization failure and runs again (lib/db/busy.ts), as a SQLite one does on SQLITE_BUSY.
 */
function createPostgresClient(url: string, poolSize: number): PrismaClient {
  const client = new PostgresClient({
    adapter: new PrismaPgReleasing({ connectionString: url, max: poolSize }),
    log: env.DAISY_LOG_SQL === '1' ? ['query'] : [],
  })
  // Same models from the same source: the two generated clients differ only in their provider.
  return retryingTransactions(client) as unknown as PrismaClient
}

const globalForDb = globalThis as unknown as { daisyDb?: PrismaClient }

export const db: PrismaClient = globalForDb.daisyDb ?? createClient(env.DATABASE_URL)

// Keep one client across hot reloads in development.
if (env.NODE_ENV === 'development') globalForDb.daisyDb = db

export type Db = PrismaClient
export { Prisma } from '../generated/prisma/client'
