'use server'
// Saving site settings (ADMIN only); every page shows some of them, so all pages are revalidated.
import { formAction } from '@/lib/auth/form-action'
import { tags } from '@/lib/cache/tags'
import type { FormState } from '@/lib/form-state'
import { isOwnAddress, settingsSchema } from './schema'
import { storeSettings } from './store'
import { siteUrlOf } from './queries'
import { InvalidInputError } from '@/lib/errors'
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
  siteMovedTo: true,
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
    if (data.siteMovedTo && isOwnAddress(data.siteMovedTo, siteUrlOf(data)))
      throw new InvalidInputError('That is this blog’s own address: pages would redirect to themselves.', 'siteMovedTo')
    await storeSettings(data, [tags.posts])
    // The blog's profile (its name, tagline, handle) as followers' servers show it: told at once.
    await sendProfileUpdate()
    return { ok: true, message: 'Settings saved.', values }
  },
)
