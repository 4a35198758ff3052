// PostgreSQL databases for the unit tests (TEST_DATABASE_URL): a migrated template per run, a copy per test
// file (CREATE DATABASE … TEMPLATE, a file copy inside the server), all dropped when the run ends.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'

/** Runs one statement as the admin connection, synchronously (psql), so test setup can stay synchronous. */
export function psql(adminUrl: string, sql: string): string {
  return execFileSync('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-tAc', sql], { encoding: 'utf8', stdio: 'pipe' })
}

/** The admin URL pointed at another database of the same server. */
export function testDatabaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** A fresh copy of this run's migrated template; returns its URL. */
export function copyPostgresTemplate(adminUrl: string, run: string): string {
  const name = `${run}_${randomBytes(5).toString('hex')}`
  // Two copies of one template at the same instant can collide on its lock: try again briefly.
  for (let attempt = 1; ; attempt++) {
    try {
      psql(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${run}_template"`)
      return testDatabaseUrl(adminUrl, name)
    } catch (error) {
      if (attempt >= 10) throw error
      execFileSync('sleep', ['0.2'])
    }
  }
}

export function dropTestDatabases(adminUrl: string, run: string): void {
  const names = psql(adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${run}%'`)
    .split('\n')
    .filter(Boolean)
  for (const name of names) psql(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
}
