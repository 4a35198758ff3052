'use server'
// Replacing the site icon from Settings, and going back to Daisy's own (ADMIN only).
import { refresh } from 'next/cache'
import { db } from '@/lib/db'
import { formAction } from '@/lib/auth/form-action'
import { InvalidInputError } from '@/lib/errors'
import { tags } from '@/lib/cache/tags'
import type { FormState } from '@/lib/form-state'
import { checkIconUpload, ICON_MAX_BYTES, IconError, renderIconSet } from './icon-files'
import { deleteIconSet, iconVersion, storeIconSet } from './site-icon'
import { storeSettings } from './store'

async function currentVersion(): Promise<string> {
  // Straight from the table, not the cached settings: the folder to delete must be the one in use now.
  const row = await db.setting.findUnique({ where: { key: 'siteIcon' }, select: { value: true } })
  try {
    const value: unknown = row ? JSON.parse(row.value) : ''
    return typeof value === 'string' ? value : ''
  } catch {
    return ''
  }
}

async function saveVersion(version: string): Promise<void> {
  // Pages link the icons by version (settings); the icon routes serve the files (site-icon).
  await storeSettings({ siteIcon: version }, [tags.siteIcon])
  refresh()
}

/**
 * The Settings icon form: "remove" goes back to Daisy's own icon; otherwise the upload is checked from its
 * bytes, every size is drawn from it (an SVG only ever as pixels), and the site switches to it.
 */
export const updateSiteIcon = formAction(
  { role: 'ADMIN', callbackUrl: '/admin/settings' },
  async ({ formData }): Promise<FormState> => {
    const previous = await currentVersion()
    if (formData.get('intent') === 'remove') {
      await saveVersion('')
      if (previous) await deleteIconSet(previous)
      return { ok: true, message: 'Daisy’s own icon is back.' }
    }
    const file = formData.get('icon')
    if (!(file instanceof File) || file.size === 0) return { errors: { icon: ['Choose an image to upload.'] } }
    if (file.size > ICON_MAX_BYTES)
      return { errors: { icon: [`The file is larger than ${ICON_MAX_BYTES / 1024 / 1024} MB.`] } }
    const bytes = Buffer.from(await file.arrayBuffer())
    let files
    try {
      await checkIconUpload(bytes)
      files = await renderIconSet(bytes)
    } catch (error) {
      // icon-files stays a plain module (scripts use it); its refusal is shown beside the field.
      throw error instanceof IconError ? new InvalidInputError(error.message, 'icon') : error
    }
    const version = iconVersion(bytes)
    await storeIconSet(version, files)
    await saveVersion(version)
    if (previous && previous !== version) await deleteIconSet(previous)
    return { ok: true, message: 'The new icon is in place: tabs, bookmarks and home screens use it from now on.' }
  },
)
