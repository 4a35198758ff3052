// Copies of the migrated template databases made once by global-setup.ts; no client is opened here.
import { copyFileSync, mkdtempSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { inject } from 'vitest'
import { copyPostgresTemplate } from './postgres'

/** Copies the migrated SQLite template to a new file beside it (removed with it after the run); returns its path. */
export function copyTemplateDb(): string {
  const template = inject('templateDb')
  const file = join(mkdtempSync(join(dirname(template), 'db-')), 'test.db')
  copyFileSync(template, file)
  return file
}

/** The provider this run tests: PostgreSQL when TEST_DATABASE_URL made a template for it, else SQLite. */
export function providerUnderTest(): 'sqlite' | 'postgresql' {
  return inject('postgresRun') && process.env.TEST_DATABASE_URL ? 'postgresql' : 'sqlite'
}

/** A fresh migrated database for the provider under test (PostgreSQL with TEST_DATABASE_URL); its URL. */
export function copyTemplateUrl(): string {
  return providerUnderTest() === 'postgresql'
    ? copyPostgresTemplate(process.env.TEST_DATABASE_URL!, inject('postgresRun'))
    : `file:${copyTemplateDb()}`
}
