// The admin upload of a WordPress export: ADMIN only (checked here), one import at a time. The file is
// streamed to a temporary file (never held in memory), imported, and the report returned as JSON; the
// page shows progress from /api/import/progress meanwhile. Outside /admin so the proxy never buffers the body.
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { getCurrentUser } from '@/lib/auth/session'
import { expireTags } from '@/lib/cache'
import { importWxr } from '@/lib/import/wxr-import'
import { WxrError } from '@/lib/import/wxr-parse'
import { fetchAttachmentIntoLibrary } from '@/lib/import/attachments'
import { reportLines } from '@/lib/import/report'
import { finishImport, startImport, updateImport } from '@/lib/import/job'

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } })

class TooLarge extends Error {}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

export async function POST(request: Request) {
  const user = await getCurrentUser()
  if (!user) return json({ error: 'Sign in first.' }, 401)
  if (user.role !== 'ADMIN') return json({ error: 'Only an administrator can import.' }, 403)
  // The session cookie is SameSite=Lax already; a request from another site is refused outright too.
  // `Origin: null` (a sandboxed frame, a redirect across sites) is another site too.
  const origin = request.headers.get('origin')
  if (origin !== null && originHost(origin) !== request.headers.get('host'))
    return json({ error: 'Cross-site request refused.' }, 403)
  if (!request.body) return json({ error: 'Choose a WordPress export file (.xml) to import.' }, 400)
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > env.IMPORT_MAX_BYTES) return json({ error: tooLargeMessage() }, 413)
  if (!startImport()) return json({ error: 'Another import is running; wait for it to finish.' }, 409)

  let folder: string | null = null
  try {
    folder = await mkdtemp(join(tmpdir(), 'daisy-import-'))
    const file = join(folder, 'upload.xml')
    let size = 0
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length
        callback(size > env.IMPORT_MAX_BYTES ? new TooLarge() : null, chunk)
      },
    })
    await pipeline(Readable.fromWeb(request.body as unknown as NodeReadableStream), limit, createWriteStream(file))
    if (size === 0) return json({ error: 'The file is empty.' }, 400)
    const report = await importWxr({
      db,
      file,
      fallbackAuthorId: user.id,
      fetchAttachment: fetchAttachmentIntoLibrary,
      onProgress: updateImport,
    })
    expireTags(report.touched)
    return json({ report: { ...report, touched: undefined }, lines: reportLines(report) }, report.stoppedAt ? 500 : 200)
  } catch (error) {
    if (error instanceof TooLarge) return json({ error: tooLargeMessage() }, 413)
    if (error instanceof WxrError)
      return json(
        { error: `This file cannot be imported: ${error.message}. Nothing was imported.`, line: error.line },
        400,
      )
    console.error('import failed', error)
    return json(
      {
        error:
          'The import failed unexpectedly; see the server log. Whole items imported before the failure stay; importing the file again continues.',
      },
      500,
    )
  } finally {
    finishImport()
    if (folder) await rm(folder, { recursive: true, force: true })
  }
}

function tooLargeMessage() {
  return `The file is larger than ${Math.round(env.IMPORT_MAX_BYTES / 1024 / 1024)} MB (IMPORT_MAX_BYTES). Import it on the server with npm run import:wxr instead.`
}
