// `npm run import:wxr -- <file.xml> [--author <email>] [--no-media]`: imports a WordPress export into the
// database DATABASE_URL names. Safe to run twice: the second run finds everything and changes nothing.
import './lib/load-env.mjs'
import { existsSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { db } from '../lib/db'
import { importWxr, type ImportProgress } from '../lib/import/wxr-import'
import { WxrError } from '../lib/import/wxr-parse'
import { fetchAttachmentIntoLibrary } from '../lib/import/attachments'
import { reportLines } from '../lib/import/report'
import { finishImport, startImport, updateImport } from '../lib/import/job'
import { WORKER_HEADER } from '../lib/http/worker-secret'

const args = process.argv.slice(2)
const option = (name: string) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : undefined
}
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--author')
if (!file || args.includes('--help')) {
  console.error(
    'usage: npm run import:wxr -- <file.xml> [--author <email of the user who owns items without a known author>] [--no-media]',
  )
  process.exit(file ? 0 : 1)
}
if (!existsSync(file)) {
  console.error(`import: no such file: ${file}`)
  process.exit(1)
}

const progress = (p: ImportProgress) => {
  // Shared with the admin page's progress bar (and throws if another node took the lock over).
  updateImport(p)
  if (p.phase === 'reading') return console.error('import: reading the file…')
  const line =
    p.phase === 'finishing'
      ? `import: ${p.done}/${p.total} items, linking attachments…`
      : `import: ${p.done}/${p.total} items`
  if (process.stderr.isTTY) process.stderr.write(`\r${line}   ${p.phase === 'finishing' ? '\n' : ''}`)
  else if (p.done === p.total || p.done % 500 < 25) console.error(line)
}

/**
 * A running Daisy serves cached pages: it is asked to expire the ones the import changed. When none is
 * running (or it cannot be reached), the next `npm start` rebuilds instead.
 */
async function tellRunningServer(tags: string[]) {
  // The server on this machine, as instrumentation.ts reaches it (SITE_URL may be a proxy's address).
  const origin = `http://127.0.0.1:${process.env.PORT || 3000}`
  const secret = process.env.NEXTAUTH_SECRET
  const response = secret
    ? await fetch(`${origin}/api/cache/expire`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [WORKER_HEADER]: secret },
        body: JSON.stringify({ tags }),
        signal: AbortSignal.timeout(10_000),
      }).catch(() => null)
    : null
  if (response?.ok) return console.log(`The running blog at ${origin} now shows the import.`)
  rmSync(join(process.cwd(), process.env.DAISY_DIST_DIR || '.next', 'daisy-build-stamp'), { force: true })
  console.log(`No running blog answered at ${origin}: the next npm start rebuilds, so every page shows the import.`)
}

let exitCode = 0
let claimed = false
try {
  // One import at a time, whether started here or from the admin page on any node.
  claimed = await startImport()
  if (!claimed) throw new Error('another import is running (see Admin → Import); wait for it to finish')
  const authorEmail = option('author')
  const owner = authorEmail
    ? await db.user.findUnique({ where: { email: authorEmail.toLowerCase() }, select: { id: true } })
    : await db.user.findFirst({ where: { role: 'ADMIN' }, orderBy: { createdAt: 'asc' }, select: { id: true } })
  if (!owner)
    throw new Error(
      authorEmail
        ? `no user with the email ${authorEmail}`
        : 'the database has no admin yet: run npm start (or npm run db:seed) first',
    )
  const report = await importWxr({
    db,
    file: resolve(file),
    fallbackAuthorId: owner.id,
    fetchAttachment: args.includes('--no-media') ? undefined : fetchAttachmentIntoLibrary,
    onProgress: progress,
  })
  console.log(reportLines(report).join('\n'))
  if (report.stoppedAt) exitCode = 1
  await tellRunningServer(report.touched)
} catch (error) {
  console.error(`import: ${error instanceof WxrError ? `${file}: ${error.message}` : (error as Error).message}`)
  console.error('Nothing was imported.')
  exitCode = 1
} finally {
  if (claimed) await finishImport()
  await db.$disconnect()
}
process.exit(exitCode)
