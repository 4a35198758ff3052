// Unit tests that need a database get a real SQLite file: migrated once here, copied per test file.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

export default function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'daisy-unit-'))
  const template = join(folder, 'template.db')
  execFileSync(join(process.cwd(), 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: 'pipe',
  })
  project.provide('templateDb', template)
  return () => rmSync(folder, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
  }
}
