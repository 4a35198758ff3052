// Names of the comment form's hidden fields, shared by the form (client) and the action (server). Kept free
// of imports (but types) so the client bundle stays small.
import type { FormState } from '@/lib/form-state'

/** Honeypot: a field people never see or fill; bots fill every field. */
export const HONEYPOT_FIELD = 'website_url'
export const TOKEN_FIELD = 'form_token'
/** The purpose the form token is sealed for (lib/comments/form-token.ts, lib/signing/). */
export const FORM_TOKEN_PURPOSE = 'comment-form'

/** The comment form's state; `held` is the comment awaiting moderation, rendered, shown to its author only. */
export type CommentFormState = FormState<
  Record<string, string>,
  'name' | 'email' | 'url' | 'content',
  { status: 'APPROVED' | 'PENDING'; held: HeldComment }
>

export interface HeldComment {
  id: string
  authorName: string
  html: string
}

/** Non-HttpOnly: the name, email and site a commenter asked to be remembered (read by the form to fill itself). */
export const COMMENTER_COOKIE = 'daisy_commenter'

/** Non-HttpOnly: the posts on which this browser has comments awaiting moderation (lib/comments/cookies.ts). */
export const HELD_POSTS_COOKIE = 'daisy_held_posts'

export function heldPostIds(value: string | undefined): string[] {
  return (value ?? '').split('.').filter((id) => /^[\w-]{1,40}$/.test(id))
}

// The time trap (lib/comments/form-token.ts): a form token must be this old, and at most this old.
export const MIN_FILL_MS = 3_000
// Cached post pages carry the token they were rendered with, so it must outlive the page cache.
export const MAX_TOKEN_AGE_MS = 45 * 24 * 60 * 60 * 1000
// Past half of that (far beyond any clock error), a reader who starts writing gets a fresh token.
export const TOKEN_REFRESH_AGE_MS = MAX_TOKEN_AGE_MS / 2

/**
 * When a token was issued (ms), NaN when it cannot be read: the token is a seal (lib/signing/)
 * `<post id>.<end, base 36>.<signature>` that ends MAX_TOKEN_AGE_MS after it was issued.
 */
export function tokenIssuedAt(token: string): number {
  const parts = token.split('.')
  const end = parts.length === 3 && /^[0-9a-z]{1,11}$/.test(parts[1]!) ? parseInt(parts[1]!, 36) : NaN
  return end - MAX_TOKEN_AGE_MS
}
