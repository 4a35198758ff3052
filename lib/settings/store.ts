// Writing site settings: one transaction for the values given, then every cached read of them expires.
import 'server-only'
import { db } from '@/lib/db'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache/tags'
import type { Settings } from './schema'

/**
 * Stores the given settings (each as JSON, as parseStoredSettings reads them) and expires the `settings` tag and
 * any `alsoExpire`. Callers check who may write and parse the values first.
 */
export async function storeSettings(values: Partial<Settings>, alsoExpire: string[] = []): Promise<void> {
  await db.$transaction(
    Object.entries(values).map(([key, value]) => {
      const stored = JSON.stringify(value)
      return db.setting.upsert({ where: { key }, create: { key, value: stored }, update: { value: stored } })
    }),
  )
  expireTags([tags.settings, ...alsoExpire])
}
