// Copies of the migrated template database made once by global-setup.ts; no client is opened here.
import { copyFileSync, mkdtempSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { inject } from 'vitest'

/** Copies the migrated template to a new file beside it (removed with it after the run); returns its path. */
export function copyTemplateDb(): string {
  const template = inject('templateDb')
  const file = join(mkdtempSync(join(dirname(template), 'db-')), 'test.db')
  copyFileSync(template, file)
  return file
}
