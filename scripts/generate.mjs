#!/usr/bin/env node
// `npm run db:generate` (and postinstall): writes the PostgreSQL schema from prisma/schema.prisma, then
// generates both Prisma clients (lib/generated/prisma for SQLite, lib/generated/prisma-postgresql), so one
// build runs on either database. Offline: the clients use the query compiler, no engine is downloaded.
import { spawnSync } from 'node:child_process'
import { PROVIDERS, writeProviderSchemas } from './lib/providers.ts'
import { bin, root } from './lib/steps.mjs'

if (writeProviderSchemas()) console.log(`wrote ${PROVIDERS.postgresql.schema} from ${PROVIDERS.sqlite.schema}`)
// Generating reads only the schema; the URL just has to name the schema's provider (nothing connects).
const urls = { sqlite: 'file:./prisma/daisy.db', postgresql: 'postgresql://localhost:5432/daisy' }
for (const [provider, url] of Object.entries(urls)) {
  const result = spawnSync(bin('prisma'), ['generate'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url },
  })
  if (result.status !== 0) {
    console.error(`prisma generate failed for ${provider}`)
    process.exit(result.status ?? 1)
  }
}
