'use server'
// The profile page's mail switches: which responses to your posts you hear about.
import { z } from 'zod'
import { db } from '@/lib/db'
import { formAction } from '@/lib/auth/form-action'
import type { FormState } from '@/lib/form-state'

const switchesSchema = z.object({ notifyHeld: z.boolean(), notifyApproved: z.boolean() })

export const updateNotifications = formAction(
  {
    role: 'AUTHOR',
    callbackUrl: '/admin/profile',
    schema: switchesSchema,
    input: (values) => ({ notifyHeld: values.notifyHeld === 'on', notifyApproved: values.notifyApproved === 'on' }),
  },
  async ({ user, data, values }): Promise<FormState> => {
    await db.user.update({ where: { id: user.id }, data })
    return { ok: true, message: 'Mail settings saved.', values }
  },
)
