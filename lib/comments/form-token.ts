// The comment form's time trap: a token sealed with the app's secret (lib/signing/) that says for which post
// the form was handed out and, through its end, when. Too fresh (a bot posting at once), too old, forged or for
// another post: refused.
import { openSeal, seal } from '../signing'
import { FORM_TOKEN_PURPOSE, MAX_TOKEN_AGE_MS, MIN_FILL_MS } from './fields'

export { MAX_TOKEN_AGE_MS, MIN_FILL_MS }

/** The token: the post's id, sealed until MAX_TOKEN_AGE_MS after `now` (the form reads its age from that end). */
export function issueFormToken(postId: string, now = Date.now()): string {
  return seal(FORM_TOKEN_PURPOSE, postId, now + MAX_TOKEN_AGE_MS)
}

export type TokenCheck = { ok: true } | { ok: false; reason: string }

export function checkFormToken(token: string | undefined | null, postId: string, now = Date.now()): TokenCheck {
  if (!token || token.split('.').length !== 3) return { ok: false, reason: 'missing or malformed form token' }
  const opened = openSeal(FORM_TOKEN_PURPOSE, token)
  if (!opened || opened.expires === undefined) return { ok: false, reason: 'forged form token' }
  if (opened.value !== postId) return { ok: false, reason: 'form token for another post' }
  const age = now - (opened.expires - MAX_TOKEN_AGE_MS)
  if (age < MIN_FILL_MS) return { ok: false, reason: `form sent ${Math.max(0, Math.round(age))} ms after it was shown` }
  if (age >= MAX_TOKEN_AGE_MS) return { ok: false, reason: 'form token expired' }
  return { ok: true }
}
