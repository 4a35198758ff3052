#!/usr/bin/env node
// `npm run db:migrate` (and the migrate step of `npm start`): apply pending Prisma migrations, skipping the engine
// when none are pending and waiting, with a clear message, while another process has the SQLite file open.
import './lib/load-env.mjs'
import { databasePath, fail } from './lib/steps.mjs'
import { migrate } from './lib/migrations.mjs'

process.env.DATABASE_URL ||= 'file:./prisma/daisy.db'
const result = await migrate({ dbFile: databasePath(process.env.DATABASE_URL) })
if (!result.ok) fail(result.message)
