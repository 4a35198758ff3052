// Password-protected posts (WordPress's post passwords, kept by the importer and settable in the editor): the
// body and the responses are shown only to a reader whose cookie proves they gave the current password.
import 'server-only'
import { cookies } from 'next/headers'
import { db } from '@/lib/db'
import { UNLOCK_COOKIE_PREFIX } from '@/lib/http/names'
import { seal, unseal } from '@/lib/signing'
import { visiblePostsWhere } from './visibility'

// Ten days, as WordPress keeps its post-password cookie.
export const UNLOCK_MAX_AGE = 10 * 24 * 60 * 60

export const unlockCookieName = (postId: string) => `${UNLOCK_COOKIE_PREFIX}${postId}`

// The seal's purpose names the post and its current password (which the cookie does not carry): changing the
// password locks every reader out.
const unlockPurpose = (postId: string, password: string) => `post-password:${postId}:${password}`

/** What the cookie holds: the post's id, sealed for its current password, for UNLOCK_MAX_AGE from `now`. */
export function unlockToken(postId: string, password: string, now = Date.now()): string {
  return seal(unlockPurpose(postId, password), postId, now + UNLOCK_MAX_AGE * 1000)
}

/** True when this request carries the unlock cookie for the post's current password. */
export async function isUnlocked(postId: string, password: string | null): Promise<boolean> {
  if (!password) return true
  const value = (await cookies()).get(unlockCookieName(postId))?.value
  return unseal(unlockPurpose(postId, password), value) === postId
}

/**
 * The body of a protected post or page, for a reader whose cookie holds its current password; otherwise null.
 * Deliberately not a cached function: Next registers those as server references anyone can call, so nothing
 * cached may return a password or a protected body (or comments) without this check.
 */
export async function getUnlockedBody(postId: string): Promise<string | null> {
  // The cookie first: it makes this render per request, before the clock is read for visibility.
  const cookie = (await cookies()).get(unlockCookieName(postId))?.value
  if (!cookie) return null
  const post = await db.post.findFirst({
    where: { id: postId, ...visiblePostsWhere(new Date(), ['POST', 'PAGE']) },
    select: { html: true, password: true },
  })
  if (!post || !(await isUnlocked(postId, post.password))) return null
  return post.html
}
