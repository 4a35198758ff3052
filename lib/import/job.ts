// The one import that may run at a time in this server, and how far it has got (read by the progress route).
import 'server-only'
import type { ImportProgress } from './wxr-import'

export interface ImportJob extends ImportProgress {
  running: boolean
  startedAt: string
}

// On globalThis: the upload route and the progress route are separate bundles, one process.
const store = globalThis as unknown as { daisyImportJob?: ImportJob }

export function currentImport(): ImportJob | null {
  return store.daisyImportJob ?? null
}

/** Claims the importer; false when another import is under way. */
export function startImport(): boolean {
  if (store.daisyImportJob?.running) return false
  store.daisyImportJob = { running: true, phase: 'reading', done: 0, total: 0, startedAt: new Date().toISOString() }
  return true
}

export function updateImport(progress: ImportProgress) {
  if (store.daisyImportJob) Object.assign(store.daisyImportJob, progress)
}

export function finishImport() {
  if (store.daisyImportJob) store.daisyImportJob.running = false
}
