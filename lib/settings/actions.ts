'use server'
// Saving site settings (ADMIN only); every page shows some of them, so all pages are revalidated.
import { db } from '@/lib/db'
import { formAction } from '@/lib/auth/form-action'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache/tags'
import type { FormState } from '@/lib/form-state'
import { settingsSchema } from './schema'
import { sendProfileUpdate } from '@/lib/federation/profile'

const checkboxes = [
  'moderateAll',
  'holdFirstTimeCommenters',
  'fediverseApproveFollowers',
  'fediverseSecureFetch',
] as const
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
  fediverseHandle: true,
  fediverseObjectType: true,
  fediverseApproveFollowers: true,
  fediverseSecureFetch: true,
  fediverseAlsoKnownAs: true,
})

export const updateSettings = formAction(
  {
    role: 'ADMIN',
    callbackUrl: '/admin/settings',
    schema: editable,
    // An unticked checkbox is not sent at all: off.
    input: (values) => ({ ...values, ...Object.fromEntries(checkboxes.map((key) => [key, values[key] === 'on'])) }),
    invalid: 'Nothing was saved: check the fields marked below.',
  },
  async ({ data, values }): Promise<FormState> => {
    await db.$transaction(
      Object.entries(data).map(([key, value]) =>
        db.setting.upsert({
          where: { key },
          create: { key, value: JSON.stringify(value) },
          update: { value: JSON.stringify(value) },
        }),
      ),
    )
    expireTags([tags.settings, tags.posts])
    // The blog's profile (its name, tagline, handle) as followers' servers show it: told at once.
    await sendProfileUpdate()
    return { ok: true, message: 'Settings saved.', values }
  },
)
