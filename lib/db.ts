// The one Prisma client: SQLite through better-sqlite3, with the pragmas Daisy relies on.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from './generated/prisma/client'
import { databaseUrl } from './database-url'

/** A client for the given SQLite file URL (the app uses the one `db` below; tests make their own). */
export function createClient(url: string) {
  // `timeout` is better-sqlite3's busy_timeout: writers wait for a lock instead of failing with SQLITE_BUSY.
  const client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }),
    // DAISY_LOG_SQL=1 prints every query: the way to see that a cached page does no database work.
    log: process.env.DAISY_LOG_SQL === '1' ? ['query'] : [],
  })
  // The adapter holds a single connection, so these run first and hold for every later query.
  // WAL lets readers go on while a write commits; foreign_keys makes SQLite enforce the relations.
  const pragmas = Promise.all([
    client.$queryRawUnsafe('PRAGMA journal_mode = WAL'),
    client.$queryRawUnsafe('PRAGMA foreign_keys = ON'),
    client.$queryRawUnsafe('PRAGMA synchronous = NORMAL'),
  ])
  pragmas.catch((error: unknown) => console.error('daisy: could not set SQLite pragmas', error))
  return client
}

const globalForDb = globalThis as unknown as { daisyDb?: PrismaClient }

export const db: PrismaClient = globalForDb.daisyDb ?? createClient(databaseUrl())

// Keep one client across hot reloads in development.
if (process.env.NODE_ENV !== 'production') globalForDb.daisyDb = db

export type Db = PrismaClient
export { Prisma } from './generated/prisma/client'
