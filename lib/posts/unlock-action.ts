'use server'
// A reader gives a protected post's password: checked against the post, remembered in a signed cookie.
import { z } from 'zod'
import { formAction } from '@/lib/auth/form-action'
import type { FormState } from '@/lib/form-state'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { db } from '@/lib/db'
import { clientIp } from '@/lib/http/client-ip'
import { cookieOptions } from '@/lib/http/cookies'
import { RateLimit } from '@/lib/http/rate-limit'
import { sameSecret } from '@/lib/signing'
import { UNLOCK_MAX_AGE, unlockCookieName, unlockToken } from './protection'
import { visiblePostsWhere } from './visibility'
import { publicPath } from './public-path'

/** The password form's state: the error beside the password, and the password typed. */
export type UnlockState = FormState<{ password?: string }, 'password'>

// Guessing a post password is slowed down per address: ten tries a minute, thirty an hour.
const attempts = new RateLimit('post-password', [
  { points: 10, duration: 60 },
  { points: 30, duration: 3600 },
])

const unlockSchema = z.object({
  password: z.string().min(1, 'Enter the password.').max(100, 'That password is too long.'),
})

const refused = (message: string, password: string): UnlockState => ({
  ok: false,
  errors: { password: [message] },
  values: { password },
})

export const unlockPost = formAction(
  // A refused password is not shown again as typed: it was wrong, or not a password at all.
  { role: 'ANYONE', schema: unlockSchema, input: (values) => ({ password: values.password ?? '' }), keep: () => ({}) },
  async ({ data: { password } }, postId: string): Promise<UnlockState> => {
    const now = new Date()
    const post = await db.post.findFirst({
      where: { id: z.string().max(40).parse(postId), ...visiblePostsWhere(now, ['POST', 'PAGE']) },
      select: { id: true, slug: true, type: true, password: true },
    })
    if (!post) return refused('This post is no longer here.', password)
    const path = publicPath(post)
    if (!post.password) redirect(path)
    const wait = await attempts.consume(`${clientIp(await headers())}:${post.id}`)
    if (wait) return refused(`Too many tries. Wait ${wait} seconds and try again.`, password)
    if (!sameSecret(password, post.password)) return refused('That password is not right.', password)
    ;(await cookies()).set(
      unlockCookieName(post.id),
      unlockToken(post.id, post.password),
      cookieOptions(UNLOCK_MAX_AGE),
    )
    redirect(path)
  },
)
