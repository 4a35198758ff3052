// Applying the PostgreSQL migrations (prisma/postgresql/migrations). Prisma's JS schema engine cannot read
// PostgreSQL's catalog through @prisma/adapter-pg yet ("Column type 'name' could not be deserialized",
// prisma/orm#27403), so this applies the same folders itself, recording them in Prisma's own
// _prisma_migrations table. Each migration runs in one transaction (PostgreSQL's DDL is transactional: a
// failed one leaves nothing behind), and an advisory lock lets only one node migrate at a time.
import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { migrationFolders, root } from './paths.ts'

export const PG_MIGRATIONS_DIR = join(root, 'prisma', 'postgresql', 'migrations')
const LOCK_KEY = 727_274_001

/** What migrating said: the migrations applied, or why it stopped (with those applied before it did). */
export type MigrationResult = { ok: true; applied: string[] } | { ok: false; message: string; applied?: string[] }

/** Where progress goes, one line at a time. */
export type Log = (line: string) => void

/**
 * Drops the database `url` names, makes it again and migrates it: for the throwaway databases of the cluster
 * e2e and the benchmark. Refuses a database whose name `allowed` does not match (`what` says which names are).
 * `{ ok: true, applied }` or `{ ok: false, message }`.
 */
export async function migrateFreshDatabase({
  url,
  allowed,
  what,
  log = () => {},
}: {
  url: string
  allowed: RegExp
  what: string
  log?: Log
}): Promise<MigrationResult> {
  const database = new URL(url).pathname.slice(1)
  if (!allowed.test(database))
    return { ok: false, message: `refusing to make again a database not named for ${what}: ${database}` }
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  try {
    await client.connect()
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${database}"`)
  } catch (error) {
    return { ok: false, message: `could not make ${database} again at ${redact(url)}: ${(error as Error).message}` }
  } finally {
    await client.end().catch(() => {})
  }
  return migratePostgres({ url, log })
}

/** Brings the database at `url` up to date: `{ ok: true, applied }` or `{ ok: false, message }`. */
export async function migratePostgres({
  url,
  dir = PG_MIGRATIONS_DIR,
  log = () => {},
}: {
  url: string
  dir?: string
  log?: Log
}): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
  } catch (error) {
    return { ok: false, message: `could not connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}` }
  }
  const applied: string[] = []
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY])
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" varchar(36) PRIMARY KEY, "checksum" varchar(64) NOT NULL, "finished_at" timestamptz,
      "migration_name" varchar(255) NOT NULL, "logs" text, "rolled_back_at" timestamptz,
      "started_at" timestamptz NOT NULL DEFAULT now(), "applied_steps_count" integer NOT NULL DEFAULT 0)`)
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
    )
    const done = new Set(rows.map((r) => r.migration_name))
    for (const name of migrationFolders(dir)) {
      if (done.has(name)) continue
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
      await client.query('BEGIN')
      try {
        await client.query(sql)
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count")
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), createHash('sha256').update(sql).digest('hex'), name],
        )
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        return {
          ok: false,
          message: `migration ${name} failed and was rolled back: ${(error as Error).message}`,
          applied,
        }
      }
      applied.push(name)
      log(`applied ${name}`)
    }
    return { ok: true, applied }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {})
    await client.end().catch(() => {})
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'the DATABASE_URL given'
  }
}
