// Reads of the site settings, cached and tagged `settings`.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db } from '@/lib/db'
import { noCacheArgs } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { siteOrigin } from '@/lib/env'
import { parseStoredSettings, type Settings } from './schema'

/** What the moderation lists hold (commenters' emails and addresses): never part of a cached read. */
type PrivateKey = 'blocklist' | 'holdlist'
export type PublicSettings = Omit<Settings, PrivateKey>

/**
 * The settings pages and feeds use, cached. Next registers a cached function as a server reference that
 * anyone can call, so this one leaves out the block and hold lists; moderation reads them with getAllSettings.
 */
export async function getSettings(...args: []): Promise<PublicSettings> {
  'use cache'
  noCacheArgs(args)
  cacheTag(tags.settings)
  cacheLife('max')
  const { blocklist: _blocklist, holdlist: _holdlist, ...settings } = await getAllSettings()
  return settings
}

/** Every setting, the moderation lists included, read per call (for moderating and for the settings form). */
export async function getAllSettings(): Promise<Settings> {
  return parseStoredSettings(await db.setting.findMany({ select: { key: true, value: true } }))
}

/** The blog's public origin: the base URL setting, else SITE_URL, without a trailing slash. */
export async function getSiteUrl(): Promise<string> {
  return siteUrlOf(await getSettings())
}

/**
 * The same origin from settings read with getAllSettings: for work outside a page (linkbacks, background jobs,
 * tests), where a cached read buys nothing or cannot run.
 */
export function siteUrlOf(settings: Pick<Settings, 'baseUrl'>): string {
  return settings.baseUrl ? settings.baseUrl.replace(/\/+$/, '') : siteOrigin()
}
