// Types for schema-diff.mjs.
export function postgresForDiff(): string
export function pendingSchemaChange(provider: 'sqlite' | 'postgresql'): string
