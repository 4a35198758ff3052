// The admin's upload of a WordPress export (/api/import): one import at a time, the file streamed to a
// temporary file (never held in memory), imported into the app's database with the media library's fetcher.
import 'server-only'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { db } from '../db'
import { env } from '../env'
import { expireTags } from '../cache'
import { ConflictError, InvalidInputError } from '../errors'
import { fetchAttachmentIntoLibrary } from './attachments'
import { finishImport, startImport, updateImport } from './job'
import { importWxr } from './wxr-import'
import type { ImportReport } from './report'

/** The upload is over IMPORT_MAX_BYTES (declared, or found while streaming): 413. */
export class TooLargeError extends InvalidInputError {
  readonly status: number = 413
  constructor() {
    super(
      `The file is larger than ${Math.round(env.IMPORT_MAX_BYTES / 1024 / 1024)} MB (IMPORT_MAX_BYTES). Import it on the server with npm run import:wxr instead.`,
    )
  }
}

/**
 * Imports the request's body and expires the cache tags it touched. Typed errors for what the admin can fix
 * (nothing sent, too large, empty, another import running); WxrError for a broken file.
 */
export async function importUpload(
  body: ReadableStream<Uint8Array> | null,
  declaredSize: number,
  fallbackAuthorId: string,
): Promise<ImportReport> {
  if (!body) throw new InvalidInputError('Choose a WordPress export file (.xml) to import.')
  if (declaredSize > env.IMPORT_MAX_BYTES) throw new TooLargeError()
  if (!(await startImport())) throw new ConflictError('Another import is running; wait for it to finish.')
  let folder: string | null = null
  try {
    folder = await mkdtemp(join(tmpdir(), 'daisy-import-'))
    const file = join(folder, 'upload.xml')
    let size = 0
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length
        callback(size > env.IMPORT_MAX_BYTES ? new TooLargeError() : null, chunk)
      },
    })
    await pipeline(Readable.fromWeb(body as unknown as NodeReadableStream), limit, createWriteStream(file))
    if (size === 0) throw new InvalidInputError('The file is empty.')
    const report = await importWxr({
      db,
      file,
      fallbackAuthorId,
      fetchAttachment: fetchAttachmentIntoLibrary,
      onProgress: updateImport,
    })
    expireTags(report.touched)
    return report
  } finally {
    await finishImport()
    if (folder) await rm(folder, { recursive: true, force: true })
  }
}
