// A look at the cluster's PostgreSQL database, to check what requests through either node stored.
import pg from 'pg'
import { clusterEnv } from './env'

export async function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: clusterEnv.DATABASE_URL })
  await client.connect()
  try {
    return (await client.query(sql, params)).rows as T[]
  } finally {
    await client.end()
  }
}
