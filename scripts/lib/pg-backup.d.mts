// Types for pg-backup.mjs (plain JavaScript: the backup and restore commands run it without a compile step).
export class BackupError extends Error {}
export const REQUIRED_TABLES: string[]
export function libpqTarget(url: string, baseEnv?: NodeJS.ProcessEnv): { url: string; env: NodeJS.ProcessEnv }
export function backupKind(file: string): 'sqlite' | 'postgresql' | 'unknown'
export function serverMajorVersion(url: string): Promise<number>
export interface ToolVersion {
  major: number
  minor: number
}
export function checkTool(tool: 'pg_dump' | 'pg_restore' | 'psql', serverMajor: number): Promise<ToolVersion>
export function countRows(url: string): Promise<{ posts: number; comments: number }>
export function dumpPostgres(url: string, file: string): Promise<number>
export interface DumpSummary {
  tables: string[]
  /** "schema.name" of what a restore makes again: tables, views and sequences; enum types and domains. */
  objects: { relations: string[]; types: string[] }
  created?: string
  database?: string
  serverVersion?: string
}
export function inspectDump(file: string): Promise<DumpSummary>
export function restorePostgres(
  url: string,
  file: string,
  known?: { dump?: DumpSummary; serverMajor?: number },
): Promise<void>
export function adaptRestoreHeader(text: string, serverMajor: number): string
export function checkPsqlNotOlder(psql: ToolVersion, restore: ToolVersion): void
export function timestamp(date?: Date): string
export function unusedName(base: string, ext: string): string
export function sizeLabel(bytes: number): string
