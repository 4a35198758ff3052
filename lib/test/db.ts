// A fresh, migrated SQLite database with a client of its own, for code that takes the client as an argument
// (the importer). Code that uses the app's shared `db` gets its own copy from app-db-setup.ts instead.
import { createClient, type Db } from '../db'
import { copyTemplateDb } from './template'

export function createTestDb(): { db: Db; file: string } {
  const file = copyTemplateDb()
  return { db: createClient(`file:${file}`), file }
}
