// Imports a WordPress export (WXR) into Daisy: authors, categories and tags, posts and pages, every comment,
// trackback and pingback with its thread, attachments, and the old permalinks as redirects.
//
// Two passes over the file: the first only parses (a broken file is refused before anything is written, and
// the item count drives the progress bar); the second writes, one transaction per batch of items, so an item
// is either wholly imported or not at all. Every row carries an import key (site host + WordPress id):
// running the same import again finds them and changes nothing. Plain module: the CLI, the admin route and
// the tests share it.
import type { Db } from '../db'
import { parseStoredSettings } from '../settings/schema'
import { parseWxrFile, WxrError, type WxrChannel, type WxrItem } from './wxr-parse'
import { ImportRun, siteKeyOf, siteUrlOf, type AttachmentFetch } from './run'
import { importAuthor, noteTerm } from './people-and-terms'
import { importPost } from './posts'
import { fetchAttachments, importAttachment, linkAttachmentsInPosts, linkFeaturedImages } from './media'
import type { ImportReport } from './report'

export interface ImportOptions {
  db: Db
  file: string
  /** Owner of items whose WordPress author is not in the file (the admin running the import). */
  fallbackAuthorId: string
  /** Fetches an attachment into the media library; without it attachments keep their original URLs. */
  fetchAttachment?: (url: string, name: string) => Promise<AttachmentFetch>
  onProgress?: (progress: ImportProgress) => void
  batchSize?: number
}

export interface ImportProgress {
  phase: 'reading' | 'importing' | 'finishing'
  done: number
  total: number
}

class ImportStopped extends Error {}

/** Reads the whole file without writing: refuses a broken file (naming the line) and counts its items. */
export async function inspectWxr(file: string): Promise<{ channel: WxrChannel; items: number }> {
  let channel: WxrChannel | null = null
  let items = 0
  await parseWxrFile(file, { channel: (c) => void (channel = c), item: () => void items++ })
  return { channel: channel!, items }
}

export async function importWxr(options: ImportOptions): Promise<ImportReport> {
  const started = Date.now()
  const { db, file, fallbackAuthorId, fetchAttachment, onProgress, batchSize = 25 } = options

  onProgress?.({ phase: 'reading', done: 0, total: 0 })
  const { channel, items: total } = await inspectWxr(file)
  const siteUrl = siteUrlOf(channel)
  if (!/^https?:\/\/[^/]/i.test(siteUrl))
    throw new WxrError(
      'the export names no site URL (wp:base_site_url), so its items cannot be told apart from another site’s',
      1,
    )
  const { timezone } = parseStoredSettings(await db.setting.findMany())
  const run = new ImportRun({ db, siteUrl, siteKey: siteKeyOf(channel), timezone, fallbackAuthorId, fetchAttachment })
  const { report } = run
  Object.assign(report, { site: siteUrl, wxrVersion: channel.wxrVersion, items: total })
  onProgress?.({ phase: 'importing', done: 0, total })

  async function writeBatch(items: WxrItem[]) {
    const fetched = await fetchAttachments(run, items)
    await db.$transaction(
      async (tx) => {
        for (const item of items) {
          if (item.postType === 'post' || item.postType === 'page') await importPost(run, tx, item)
          else if (item.postType === 'attachment') await importAttachment(run, tx, item, fetched.get(item.postId))
          else
            run.skip(
              item.postType || '(no type)',
              'Daisy has no such content type',
              `“${item.title || item.postName || item.postId}” (line ${item.line})`,
            )
        }
      },
      { timeout: 120_000 },
    )
  }

  let batch: WxrItem[] = []
  let done = 0
  const flush = async () => {
    if (batch.length === 0) return
    const items = batch
    batch = []
    try {
      await writeBatch(items)
    } catch (error) {
      const first = items[0]!
      throw new ImportStopped(
        `items from line ${first.line} (“${first.title || first.postId}”): ${(error as Error).message.split('\n').slice(-1)[0]}`,
      )
    }
    done += items.length
    onProgress?.({ phase: 'importing', done, total })
  }

  try {
    await parseWxrFile(file, {
      author: (author) => importAuthor(run, author),
      term: (term) => noteTerm(run, term),
      item: async (item) => {
        batch.push(item)
        if (batch.length >= batchSize) await flush()
      },
    })
    await flush()
  } catch (error) {
    if (!(error instanceof ImportStopped)) throw error
    report.stoppedAt = error.message
  }
  // Also after a stop, and over every post of this site (earlier runs included): images stored by now
  // replace their old addresses, and featured images find their attachments.
  onProgress?.({ phase: 'finishing', done, total })
  await linkAttachmentsInPosts(db, `${run.settings.siteKey}|`, run.touched)
  await linkFeaturedImages(run)
  report.touched = [...run.touched]
  report.durationMs = Date.now() - started
  return report
}
