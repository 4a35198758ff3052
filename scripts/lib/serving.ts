// Which `npm start` processes serve a build of this folder: one record each under .daisy/serving/ (outside the
// build folder, which next build empties), so a second start does not rebuild under a running one.
// A record names its folder: one carried into a copy of the folder (`cp -a`, a backup restored elsewhere, a
// second site made from the first) names the original and is dropped, as is one whose process is gone or now
// runs something else (a reused pid).
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'

const recordsIn = (root: string) => join(root, '.daisy', 'serving')

/** Writes this process's record for `distDir` served on `port`; returns its file (remove it on exit). */
export function recordServing(root: string, distDir: string, port: string | number, pid = process.pid): string {
  const folder = realpathSync(root)
  mkdirSync(recordsIn(root), { recursive: true })
  const file = join(recordsIn(root), `${basename(distDir)}.${pid}.json`)
  writeFileSync(file, JSON.stringify({ pid, port, folder, started: new Date().toISOString() }))
  return file
}

/** The records of other live processes serving `distDir` of this very folder; stale ones are removed. */
export interface ServingRecord {
  pid: number
  port: string | number
  folder: string
  started: string
}

export function servingInstances(root: string, distDir: string): ServingRecord[] {
  const dir = recordsIn(root)
  if (!existsSync(dir)) return []
  const here = realpathSync(root)
  const prefix = `${basename(distDir)}.`
  const alive: ServingRecord[] = []
  for (const name of readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith('.json'))) {
    const file = join(dir, name)
    try {
      const record = JSON.parse(readFileSync(file, 'utf8')) as ServingRecord
      if (record.pid !== process.pid && record.folder === here && isAlive(record.pid) && runsIn(record.pid, here))
        alive.push(record)
      else rmSync(file, { force: true })
    } catch {
      rmSync(file, { force: true })
    }
  }
  return alive
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether the process works in `folder` (Linux tells through /proc; elsewhere the record's word is taken). */
function runsIn(pid: number, folder: string): boolean {
  if (!existsSync('/proc/self/cwd')) return true
  try {
    return (
      realpathSync(`/proc/${pid}/cwd`) === folder ||
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(folder, 'scripts'))
    )
  } catch {
    return false
  }
}
