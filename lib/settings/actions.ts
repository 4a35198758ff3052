'use server'
// Saving site settings (ADMIN only); every page shows some of them, so all pages are revalidated.
import { z } from 'zod'
import { db } from '@/lib/db'
import { requireRole, ForbiddenError } from '@/lib/auth/session'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache-tags'
import { formValues, type FormState } from '@/lib/form-state'
import { settingsSchema } from './schema'

const checkboxes = ['moderateAll', 'holdFirstTimeCommenters'] as const
const editable = settingsSchema.pick({
  siteTitle: true,
  tagline: true,
  baseUrl: true,
  timezone: true,
  postsPerPage: true,
  moderateAll: true,
  holdFirstTimeCommenters: true,
  maxLinks: true,
  closeCommentsAfterDays: true,
  threadDepth: true,
  blocklist: true,
  holdlist: true,
})

export async function updateSettings(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await requireRole('ADMIN', '/admin/settings')
  } catch (error) {
    if (error instanceof ForbiddenError) return { message: error.message, errors: { form: [error.message] } }
    throw error
  }
  const values = formValues(formData)
  const input: Record<string, unknown> = { ...values }
  for (const key of checkboxes) input[key] = values[key] === 'on'
  const parsed = editable.safeParse(input)
  if (!parsed.success)
    return {
      errors: z.flattenError(parsed.error).fieldErrors,
      values,
      message: 'Nothing was saved: check the fields marked below.',
    }
  await db.$transaction(
    Object.entries(parsed.data).map(([key, value]) =>
      db.setting.upsert({
        where: { key },
        create: { key, value: JSON.stringify(value) },
        update: { value: JSON.stringify(value) },
      }),
    ),
  )
  expireTags([tags.settings, tags.posts])
  return { ok: true, message: 'Settings saved.', values }
}
