// A fresh, migrated database of the provider under test (SQLite, or PostgreSQL with TEST_DATABASE_URL) with a
// client of its own, for code that takes the client as an argument (the importer). Code that uses the app's
// shared `db` gets its own copy from app-db-setup.ts instead.
import { createClient, type Db } from '../db'
import { copyTemplateUrl } from './template'

export interface TestDb {
  db: Db
  url: string
  /** The SQLite file behind it, for tests that open it with another connection; null on PostgreSQL. */
  file: string | null
}

export function createTestDb(): TestDb {
  const url = copyTemplateUrl()
  return { db: createClient(url), url, file: url.startsWith('file:') ? url.slice('file:'.length) : null }
}
