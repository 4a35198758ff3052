// A look at the cluster's PostgreSQL database through the app's own client (e2e/db.ts), to check what requests
// through either node stored.
import { closeAppDb, openAppDb, type Db } from '../db'
import { clusterEnv } from './env'

export { closeAppDb }

/** A read of the cluster's database; `read` gets the client. */
export async function readClusterDb<T>(read: (db: Db) => Promise<T>): Promise<T> {
  return read(await openAppDb(clusterEnv.DATABASE_URL!))
}
