// One import's shared state (the report, what it has met so far, how rows are keyed), and how WordPress
// writes the values every part of the import reads (dates, encoded names, the site's address).
import type { Db } from '../db'
import type { Prisma } from '../generated/prisma/client'
import { tags as cacheTags } from '../cache/tags'
import { zonedTime } from '../time-zone'
import type { WxrChannel } from './wxr-parse'
import { emptyReport, type ImportReport } from './report'

export type Tx = Prisma.TransactionClient

/** A stored copy of a remote attachment, or why there is none (the original URL is then kept). */
export type AttachmentFetch =
  | {
      ok: true
      path: string
      mimeType: string
      size: number
      width: number | null
      height: number | null
      variants: { width: number; path: string }[]
    }
  | { ok: false; reason: string }

export interface RunSettings {
  db: Db
  siteUrl: string
  siteKey: string
  timezone: string
  fallbackAuthorId: string
  fetchAttachment?: (url: string, name: string) => Promise<AttachmentFetch>
}

export class ImportRun {
  readonly report: ImportReport = emptyReport()
  /** Cache tags of the public pages the import changed. */
  readonly touched = new Set<string>([cacheTags.posts])
  /** WordPress login → Daisy user id, and email → user id (for replies written by the blog's authors). */
  readonly authorIds = new Map<string, string>()
  readonly userIdByEmail = new Map<string, string>()
  /** Tag names and descriptions from the channel's term list, by slug; the slugs already counted. */
  readonly tagNames = new Map<string, { name: string; description: string }>()
  readonly tagsSeen = new Set<string>()
  /** Featured images name attachments that may come later in the file: linked once everything is in. */
  readonly featuredImages: { postId: string; attachmentKey: string }[] = []
  private readonly skippedIndex = new Map<string, ImportReport['skipped'][number]>()

  constructor(readonly settings: RunSettings) {}

  get db() {
    return this.settings.db
  }

  /** The import key of a WordPress item: site host + kind + WordPress id. */
  key(kind: 'post' | 'comment' | 'attachment', id: string): string {
    return `${this.settings.siteKey}|${kind}|${id}`
  }

  /** Counts something left out, with why, and keeps a few examples for the report. */
  skip(what: string, why: string, example: string) {
    const id = `${what}\u0000${why}`
    let entry = this.skippedIndex.get(id)
    if (!entry) {
      entry = { what, why, count: 0, examples: [] }
      this.skippedIndex.set(id, entry)
      this.report.skipped.push(entry)
    }
    entry.count++
    if (entry.examples.length < 5) entry.examples.push(example)
  }
}

export const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** "2012-01-03 16:20:00" as UTC, or the local field in the site's zone when the GMT one is empty. */
export function wpDateToInstant(gmt: string, local: string, timezone: string): Date | null {
  const parse = (value: string) => /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(value.trim())
  const g = parse(gmt)
  if (g && g[1] !== '0000') return new Date(Date.UTC(+g[1]!, +g[2]! - 1, +g[3]!, +g[4]!, +g[5]!, +(g[6] ?? 0)))
  const l = parse(local)
  if (l && l[1] !== '0000')
    return new Date(zonedTime(+l[1]!, +l[2]!, +l[3]!, +l[4]!, +l[5]!, timezone).getTime() + +(l[6] ?? 0) * 1000)
  return null
}

/** The site an export came from, as written in it: "http://rob.example". */
export function siteUrlOf(channel: WxrChannel): string {
  return (channel.baseBlogUrl || channel.baseSiteUrl || channel.link).trim().replace(/\/+$/, '')
}

/** How imported rows name their site: without scheme or "www.", so an export made after the blog moved
 *  to https (or dropped www) is still the same blog. "http://www.Rob.example/" → "rob.example". */
export function siteKeyOf(channel: WxrChannel): string {
  return siteUrlOf(channel)
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
}
