// Prisma CLI configuration: the offline recipe (JS schema engine through the better-sqlite3 adapter).
import './scripts/lib/load-env.mjs'
import { defineConfig } from 'prisma/config'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { databaseUrl } from './lib/database-url'

// schema.prisma reads env("DATABASE_URL"); give it the same default the app uses.
process.env.DATABASE_URL = databaseUrl()

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }),
})
