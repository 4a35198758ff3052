// Prisma CLI configuration: the offline recipe (JS schema engine through a driver adapter), for the provider
// DATABASE_URL names: SQLite (prisma/schema.prisma, the source of truth) or PostgreSQL (prisma/postgresql/,
// generated from it by scripts/lib/providers.ts).
import './scripts/lib/load-env.mjs'
import { defineConfig } from 'prisma/config'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { databaseProvider, databaseUrl } from './lib/db/url'

// schema.prisma reads env("DATABASE_URL"); give it the same default the app uses.
process.env.DATABASE_URL = databaseUrl(process.env)
const postgresql = databaseProvider(process.env) === 'postgresql'

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: postgresql ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma',
  migrations: {
    path: postgresql ? 'prisma/postgresql/migrations' : 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  adapter: async () =>
    postgresql
      ? new PrismaPg({ connectionString: process.env.DATABASE_URL! })
      : new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }),
})
