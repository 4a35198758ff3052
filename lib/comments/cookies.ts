// The commenter's own cookies: "remember me" (name, email, site) and the ids of their held comments.
import 'server-only'
import { cookies } from 'next/headers'
import { cookieOptions } from '@/lib/http/cookies'
import { seal, unseal } from '@/lib/signing'
import { COMMENTER_COOKIE, HELD_POSTS_COOKIE, heldPostIds } from './fields'

const HELD_COOKIE = 'daisy_held'
const HELD_MAX_AGE = 30 * 24 * 60 * 60
const YEAR = 365 * 24 * 60 * 60

/** Saved as WordPress does, for the form to fill in next time; cleared when the box is unticked. */
export async function rememberCommenter(remember: boolean, who: { name: string; email: string; url: string }) {
  const jar = await cookies()
  if (remember) jar.set(COMMENTER_COOKIE, JSON.stringify(who), cookieOptions(YEAR, { readByScript: true }))
  else jar.delete(COMMENTER_COOKIE)
}

export async function addHeldComment(id: string, postId: string) {
  const jar = await cookies()
  const ids = [...(await heldCommentIds()), id].slice(-20)
  jar.set(
    HELD_COOKIE,
    seal('held-comments', ids.join(','), Date.now() + HELD_MAX_AGE * 1000),
    cookieOptions(HELD_MAX_AGE),
  )
  await markHeldPosts([...heldPostIds(jar.get(HELD_POSTS_COOKIE)?.value).filter((p) => p !== postId), postId])
}

/**
 * The held comments' cookie is HttpOnly, so the page's script cannot know whether to ask for them: this
 * companion cookie says on which posts (ids, which every page shows anyway; no secret), so a plain view asks
 * nothing. Losing or forging it only decides whether the script asks; what it gets still comes from the signed one.
 */
export async function markHeldPosts(postIds: string[]) {
  const jar = await cookies()
  const kept = postIds.slice(-20)
  if (kept.length === 0) jar.delete(HELD_POSTS_COOKIE)
  else jar.set(HELD_POSTS_COOKIE, kept.join('.'), cookieOptions(HELD_MAX_AGE, { readByScript: true }))
}

/** The posts the companion cookie names. */
export async function markedHeldPosts(): Promise<string[]> {
  return heldPostIds((await cookies()).get(HELD_POSTS_COOKIE)?.value)
}

/** Only ids this server signed: nobody can read someone else's held comment by guessing ids. */
export async function heldCommentIds(): Promise<string[]> {
  const value = unseal('held-comments', (await cookies()).get(HELD_COOKIE)?.value)
  return value ? value.split(',').filter(Boolean) : []
}
