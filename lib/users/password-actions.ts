'use server'
// The signed-out side of passwords: asking for a reset link, and choosing a password through a mailed link.
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { formAction } from '@/lib/auth/form-action'
import type { FormState } from '@/lib/form-state'
import { clientIp } from '@/lib/http/client-ip'
import { requestPasswordReset, RESET_SENT, setPasswordWithLink } from './password-reset'
import { forgotPasswordSchema, newPasswordSchema } from './schema'

export const requestReset = formAction(
  { role: 'ANYONE', schema: forgotPasswordSchema, keep: (values) => ({ email: (values.email ?? '').slice(0, 254) }) },
  async ({ data: { email } }): Promise<FormState> => {
    const answer = await requestPasswordReset(email, clientIp(await headers()))
    if (!answer.ok) {
      const minutes = Math.ceil(answer.waitSeconds / 60)
      return {
        ok: false,
        message: `Too many requests. Wait ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        values: { email },
      }
    }
    return { ok: true, message: RESET_SENT }
  },
)

export const setPasswordFromLink = formAction(
  // Passwords are never sent back.
  { role: 'ANYONE', schema: newPasswordSchema, invalid: 'The password was not set.', keep: () => undefined },
  async ({ data }, token: string): Promise<FormState> => {
    const result = await setPasswordWithLink(z.string().max(100).parse(token), data.next)
    if (!result.ok) return { ok: false, errors: { form: [result.problem] } }
    redirect('/login?reset=1')
  },
)
