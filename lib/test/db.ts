// A fresh, migrated SQLite database for one test: a copy of the template made by global-setup.ts.
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { createClient, type Db } from '../db'

export function createTestDb(): { db: Db; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'daisy-test-')), 'test.db')
  copyFileSync(inject('templateDb'), file)
  return { db: createClient(`file:${file}`), file }
}
