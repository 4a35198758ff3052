// Unit tests that need a database get a real one, migrated once here and copied per test file: a SQLite file
// always, and with TEST_DATABASE_URL (an admin connection to PostgreSQL, e.g. postgresql://postgres@127.0.0.1/postgres)
// also a PostgreSQL template database, which the app's client then uses instead.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { migratePostgres } from '../../scripts/lib/pg-migrations.ts'
import { dropTestDatabases, psql, testDatabaseUrl } from './postgres'

export default async function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'daisy-unit-'))
  const template = join(folder, 'template.db')
  execFileSync(join(process.cwd(), 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: 'pipe',
  })
  project.provide('templateDb', template)
  const admin = process.env.TEST_DATABASE_URL
  let run = ''
  if (admin) {
    run = `daisy_test_${process.pid}_${Date.now().toString(36)}`
    const templateName = `${run}_template`
    psql(admin, `CREATE DATABASE "${templateName}"`)
    const migrated = await migratePostgres({ url: testDatabaseUrl(admin, templateName) })
    if (!migrated.ok) throw new Error(migrated.message)
  }
  project.provide('postgresRun', run)
  return () => {
    rmSync(folder, { recursive: true, force: true })
    if (admin && run) dropTestDatabases(admin, run)
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
    /** The prefix of this run's PostgreSQL databases ('' when the tests run on SQLite only). */
    postgresRun: string
  }
}
