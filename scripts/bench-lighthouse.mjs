#!/usr/bin/env node
// `npm run bench:lighthouse`: serves the benchmark blog as `npm run bench` does (same database, build and
// server), then runs Lighthouse (default mobile configuration, simulated throttling) on the reader pages,
// three runs each, and prints the median run's scores, metrics, bytes and failing audits. Figures only.
// Options: --runs N --only home,post,tag,search --posts N --comments N --port P --quick --rebuild
//          --url http://localhost:3300  (an already running Daisy: no database, build or server of our own)
//          --serve  (only serve the benchmark blog until Ctrl-C, for --url runs from another terminal)
import { onNode24 } from './lib/node-runtime.mjs'
import { ensureDependencies, step } from './lib/steps.mjs'

// Node 24 first: what the benchmark imports needs it (an older Node runs this again on the one npm start fetched).
await onNode24()
step('Dependencies')
ensureDependencies()
await import('./bench/lighthouse-main.mjs')
