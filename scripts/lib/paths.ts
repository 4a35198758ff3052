// Where things are, for the command-line tools written in TypeScript (Node 24 runs them as they are).
// steps.mjs says the same for the plain-JavaScript steps that must also run on an older Node.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export const root = join(import.meta.dirname, '..', '..')

export const MIGRATIONS_DIR = join(root, 'prisma', 'migrations')

/** A tool installed in node_modules/.bin. */
export function bin(name: string): string {
  return join(root, 'node_modules', '.bin', name)
}

/** Migration folders in apply order (Prisma applies them sorted by name; each holds a migration.sql). */
export function migrationFolders(dir: string = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
}
