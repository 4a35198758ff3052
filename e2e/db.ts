// The database under test through the app's own data layer (lib/db): the client the server uses, SQLite or
// PostgreSQL alike, on the database the server was given (e2eServerEnv.DATABASE_URL here, the cluster's in
// e2e/cluster/db.ts). One client per Playwright process, opened at its first use and closed when the worker
// ends (e2e/fixtures.ts).
import type { Db } from '../lib/db'
import { withBusyRetry } from '../lib/db/busy'
import { providerOfUrl } from '../lib/db/url'
import { e2eServerEnv } from './env'

export type { Db }

/** The e2e server's database provider: the few specs about SQLite's own locking run on SQLite only. */
export const e2eProvider = providerOfUrl(e2eServerEnv.DATABASE_URL!)

let opened: { url: string; client: Promise<Db> } | undefined

/**
 * The app's client on `url`. lib/db opens its client as it is loaded, for the DATABASE_URL that lib/env read
 * when it was loaded: this process is pointed at `url` first, and both are loaded only then (not when
 * Playwright lists the spec files).
 */
export function openAppDb(url: string): Promise<Db> {
  if (opened && opened.url !== url) throw new Error(`this process already has a client on ${opened.url}`)
  opened ??= {
    url,
    client: (async () => {
      process.env.DATABASE_URL = url
      const [{ env }, { db }] = await Promise.all([import('../lib/env'), import('../lib/db')])
      if (env.DATABASE_URL !== url) throw new Error(`lib/env was loaded before, with ${env.DATABASE_URL}: not ${url}`)
      return db
    })(),
  }
  return opened.client
}

/** Closes the client, if this process opened one. */
export async function closeAppDb() {
  const client = opened?.client
  opened = undefined
  if (client) await (await client).$disconnect()
}

/** The app's client on the e2e database. */
export function e2eDb(): Promise<Db> {
  return openAppDb(e2eServerEnv.DATABASE_URL!)
}

/** A read of the e2e database, to check what a request did (or did not) change; `read` gets the client. */
export async function readDb<T>(read: (db: Db) => Promise<T>): Promise<T> {
  return read(await e2eDb())
}

/**
 * A write to the e2e database beside the running server. SQLite lets one connection write at a time: a
 * write that finds the server writing waits (the client's busy timeout, lib/db), and is tried again for up
 * to 10 s (lib/db/busy.ts) before failing. `write` may run more than once: database work only.
 */
export async function writeDb<T>(write: (db: Db) => Promise<T>): Promise<T> {
  const db = await e2eDb()
  return withBusyRetry(() => write(db), { budgetMs: 10_000 })
}
