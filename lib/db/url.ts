// The one place that decides which database Daisy uses; shared by the app, the Prisma CLI and scripts.
// file:… is SQLite (the embedded default); postgresql://… (or postgres://…) is PostgreSQL.
export const DEFAULT_DATABASE_URL = 'file:./prisma/daisy.db'

export type DatabaseProvider = 'sqlite' | 'postgresql'

export function providerOfUrl(url: string): DatabaseProvider | null {
  if (url.startsWith('file:')) return 'sqlite'
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql'
  return null
}

export function databaseUrl(env: Record<string, string | undefined>): string {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL
  if (!providerOfUrl(url)) {
    throw new Error(
      `DATABASE_URL must be a SQLite file URL such as ${DEFAULT_DATABASE_URL} or a PostgreSQL URL such as postgresql://user@localhost:5432/daisy (got "${url}")`,
    )
  }
  return url
}

/** Which provider this process runs on (from DATABASE_URL). */
export function databaseProvider(env: Record<string, string | undefined>): DatabaseProvider {
  return providerOfUrl(databaseUrl(env))!
}
