// Reads of the site settings, cached and tagged `settings`.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db } from '@/lib/db'
import { tags } from '@/lib/cache-tags'
import { siteOrigin } from '@/lib/env'
import { parseStoredSettings, type Settings } from './schema'

export async function getSettings(): Promise<Settings> {
  'use cache'
  cacheTag(tags.settings)
  cacheLife('max')
  return parseStoredSettings(await db.setting.findMany({ select: { key: true, value: true } }))
}

/** The blog's public origin: the base URL setting, else SITE_URL, without a trailing slash. */
export async function getSiteUrl(): Promise<string> {
  const settings = await getSettings()
  return settings.baseUrl ? settings.baseUrl.replace(/\/+$/, '') : siteOrigin()
}
