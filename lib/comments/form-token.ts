// The comment form's time trap: a token signed with NEXTAUTH_SECRET that says for which post and when the
// form was handed out. Too fresh (a bot posting at once), too old, forged or for another post: refused.
import { sameSecret, sign } from '../signing'
import { MAX_TOKEN_AGE_MS, MIN_FILL_MS } from './fields'

export { MAX_TOKEN_AGE_MS, MIN_FILL_MS }

export function issueFormToken(postId: string, now = Date.now()): string {
  const payload = `${postId}.${now}`
  return `${payload}.${sign(payload)}`
}

export type TokenCheck = { ok: true } | { ok: false; reason: string }

export function checkFormToken(token: string | undefined | null, postId: string, now = Date.now()): TokenCheck {
  const parts = (token ?? '').split('.')
  if (parts.length !== 3) return { ok: false, reason: 'missing or malformed form token' }
  const [tokenPost, issued, signature] = parts as [string, string, string]
  if (!sameSecret(signature, sign(`${tokenPost}.${issued}`))) return { ok: false, reason: 'forged form token' }
  if (tokenPost !== postId) return { ok: false, reason: 'form token for another post' }
  const age = now - Number(issued)
  if (!Number.isFinite(age) || age < MIN_FILL_MS)
    return { ok: false, reason: `form sent ${Math.max(0, Math.round(age))} ms after it was shown` }
  if (age > MAX_TOKEN_AGE_MS) return { ok: false, reason: 'form token expired' }
  return { ok: true }
}
