// Reads everything an export needs. Plain module (no 'server-only', no cache) so `npm run export` uses it too.
import type { Db } from '../db'
import { parseStoredSettings } from '../settings/schema'
import { buildWxr, type WxrData } from './wxr'

export async function loadExportData(db: Db, siteUrl: string) {
  const [settingsRows, users, tags, posts] = await Promise.all([
    db.setting.findMany(),
    db.user.findMany({
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        email: true,
        name: true,
        slug: true,
        role: true,
        bio: true,
        avatarUrl: true,
        createdAt: true,
      },
    }),
    db.tag.findMany({ orderBy: { name: 'asc' } }),
    db.post.findMany({
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: {
        tags: { select: { slug: true, name: true } },
        comments: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
        revisions: { orderBy: { createdAt: 'asc' } },
      },
    }),
  ])
  return { settings: parseStoredSettings(settingsRows), siteUrl: siteUrl.replace(/\/+$/, ''), users, tags, posts }
}

export type ExportData = Awaited<ReturnType<typeof loadExportData>>

export function toWxr(data: ExportData): string {
  const wxr: WxrData = {
    site: {
      title: data.settings.siteTitle,
      tagline: data.settings.tagline,
      siteUrl: data.settings.baseUrl || data.siteUrl,
      locale: data.settings.locale,
      timezone: data.settings.timezone,
    },
    authors: data.users,
    tags: data.tags,
    posts: data.posts,
  }
  return buildWxr(wxr)
}

/** Everything, as JSON: posts with their Markdown source and revisions, comments of every kind and status,
 *  tags, settings, and users without their password hashes. */
export function toJson(data: ExportData): string {
  return JSON.stringify({ format: 'daisy-export', version: 1, exportedAt: new Date().toISOString(), ...data }, null, 2)
}
