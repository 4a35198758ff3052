'use server'
// A reader gives a protected post's password: checked against the post, remembered in a signed cookie.
import { z } from 'zod'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { db } from '@/lib/db'
import { clientIp } from '@/lib/http/client-ip'
import { RateLimit } from '@/lib/http/rate-limit'
import { sameSecret } from '@/lib/signing'
import { UNLOCK_MAX_AGE, unlockCookieName, unlockToken } from './protection'
import { visiblePostsWhere } from './visibility'

export interface UnlockState {
  error?: string
  password?: string
}

// Guessing a post password is slowed down per address: ten tries a minute, thirty an hour.
const attempts = new RateLimit([
  { points: 10, duration: 60 },
  { points: 30, duration: 3600 },
])

const passwordSchema = z.string().min(1, 'Enter the password.').max(100, 'That password is too long.')

export async function unlockPost(postId: string, _prev: UnlockState, formData: FormData): Promise<UnlockState> {
  const parsed = passwordSchema.safeParse(formData.get('password') ?? '')
  if (!parsed.success) return { error: parsed.error.issues[0]!.message }
  const password = parsed.data
  const now = new Date()
  const post = await db.post.findFirst({
    where: { id: z.string().max(40).parse(postId), ...visiblePostsWhere(now, ['POST', 'PAGE']) },
    select: { id: true, slug: true, type: true, password: true },
  })
  if (!post) return { error: 'This post is no longer here.', password }
  const path = post.type === 'PAGE' ? `/${post.slug}` : `/posts/${post.slug}`
  if (!post.password) redirect(path)
  const wait = await attempts.consume(`${clientIp(await headers())}:${post.id}`)
  if (wait) return { error: `Too many tries. Wait ${wait} seconds and try again.`, password }
  if (!sameSecret(password, post.password)) return { error: 'That password is not right.', password }
  const secure = (process.env.SITE_URL || process.env.NEXTAUTH_URL || '').startsWith('https:')
  ;(await cookies()).set(unlockCookieName(post.id), unlockToken(post.id, post.password), {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: UNLOCK_MAX_AGE,
  })
  redirect(path)
}
