// The comment form's time trap: a token sealed with the app's secret (lib/signing.ts) that says for which post
// the form was handed out and, through its end, when. Too fresh (a bot posting at once), too old, forged or for
// another post: refused.
import { openSeal, seal, sealWith } from '../signing'
import { MAX_TOKEN_AGE_MS, MIN_FILL_MS } from './fields'

export { MAX_TOKEN_AGE_MS, MIN_FILL_MS }

const PURPOSE = 'comment-form'

/**
 * The token: the post's id, sealed until MAX_TOKEN_AGE_MS after `now` (the form reads its age from that end).
 * `secret` is for browser tests, which make a token their server must accept.
 */
export function issueFormToken(postId: string, now = Date.now(), secret?: string): string {
  const end = now + MAX_TOKEN_AGE_MS
  return secret ? sealWith(secret, PURPOSE, postId, end) : seal(PURPOSE, postId, end)
}

export type TokenCheck = { ok: true } | { ok: false; reason: string }

export function checkFormToken(token: string | undefined | null, postId: string, now = Date.now()): TokenCheck {
  if (!token || token.split('.').length !== 3) return { ok: false, reason: 'missing or malformed form token' }
  const opened = openSeal(PURPOSE, token)
  if (!opened || opened.expires === undefined) return { ok: false, reason: 'forged form token' }
  if (opened.value !== postId) return { ok: false, reason: 'form token for another post' }
  const age = now - (opened.expires - MAX_TOKEN_AGE_MS)
  if (age < MIN_FILL_MS) return { ok: false, reason: `form sent ${Math.max(0, Math.round(age))} ms after it was shown` }
  if (age >= MAX_TOKEN_AGE_MS) return { ok: false, reason: 'form token expired' }
  return { ok: true }
}
