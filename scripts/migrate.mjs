#!/usr/bin/env node
// `npm run db:migrate` (and the migrate step of `npm start`): apply pending migrations. SQLite: Prisma's engine,
// skipped when none are pending and waiting, with a clear message, while another process has the file open.
// PostgreSQL: scripts/lib/pg-migrations.ts, one transaction per migration, one node at a time.
import './lib/load-env.mjs'
import { databasePath, fail, info } from './lib/steps.mjs'
import { migrate } from './lib/migrations.mjs'
import { migratePostgres } from './lib/pg-migrations.ts'
import { providerOf } from './lib/providers.ts'

process.env.DATABASE_URL ||= 'file:./prisma/daisy.db'
const result =
  providerOf(process.env.DATABASE_URL) === 'postgresql'
    ? await migratePostgres({ url: process.env.DATABASE_URL, log: info })
    : await migrate({ dbFile: databasePath(process.env.DATABASE_URL) })
if (!result.ok) fail(result.message)
