// Types for pg-migrations.mjs (plain JavaScript: npm start runs it before anything is compiled).
export const PG_MIGRATIONS_DIR: string
export function migratePostgres(options: {
  url: string
  dir?: string
  log?: (line: string) => void
}): Promise<{ ok: true; applied: string[] } | { ok: false; message: string; applied?: string[] }>
export function migrateFreshDatabase(options: {
  url: string
  allowed: RegExp
  what: string
  log?: (line: string) => void
}): Promise<{ ok: true; applied: string[] } | { ok: false; message: string; applied?: string[] }>
export function redact(url: string): string
