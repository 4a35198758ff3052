#!/usr/bin/env node
// `npm run bench`: builds a large blog in a throwaway database (its reader post imported from a WordPress
// export), serves it from a production build, and measures reader pages under load, without and with
// Accept-Encoding, against the ceiling of a static file of the same size; then the same blog in three set-ups
// (one node on SQLite, one on PostgreSQL + Redis, two behind nginx). Prints figures; nothing here passes or
// fails. Options: --posts N --comments N --connections N --duration S --port P --quick
// --only home,post,tag,search,feed,js,storm,flood,setups,federation,federation-cluster --rebuild
// --followers N --instances N --readers N --fanoutTimeout S (the fediverse fan-out, scripts/bench/federation.mjs)
import { onNode24 } from './lib/node-runtime.mjs'
import { ensureDependencies, step } from './lib/steps.mjs'

// Node 24 first: what the benchmark imports needs it (an older Node runs this again on the one npm start fetched).
await onNode24()
step('Dependencies')
ensureDependencies()
await import('./bench/main.mjs')
