// The one place that decides which SQLite file Daisy uses; shared by the app, the Prisma CLI and scripts.
export const DEFAULT_DATABASE_URL = 'file:./prisma/daisy.db'

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a SQLite file URL such as ${DEFAULT_DATABASE_URL} (got "${url}")`)
  }
  return url
}
