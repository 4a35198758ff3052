// Reading the commenter's non-HttpOnly cookies in the browser (document.cookie): who asked to be remembered,
// and on which posts they have comments awaiting moderation. Client-safe: no server imports.
import { COMMENTER_COOKIE, HELD_POSTS_COOKIE, heldPostIds } from './fields'

/** One cookie's value from a `document.cookie` string, decoded; undefined when absent or badly encoded. */
export function cookieValue(cookie: string, name: string): string | undefined {
  const raw = cookie
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1)
  try {
    return raw === undefined ? undefined : decodeURIComponent(raw)
  } catch {
    return undefined
  }
}

/** The name, email and site saved by "Save my name…" (lib/comments/cookies.ts); nothing when unreadable. */
export function rememberedCommenter(cookie: string): { name?: string; email?: string; url?: string } {
  const raw = cookieValue(cookie, COMMENTER_COOKIE)
  if (!raw) return {}
  try {
    return JSON.parse(raw)
  } catch {
    return {}
  }
}

/** Whether this browser left comments awaiting moderation on the post (so the form asks to see them). */
export function hasHeldComments(cookie: string, postId: string): boolean {
  return heldPostIds(cookieValue(cookie, HELD_POSTS_COOKIE)).includes(postId)
}
