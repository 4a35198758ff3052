// The seal format itself, with the secret given: pure code (no settings read), so browser tests can make a
// token the running server accepts. The app seals with its own secret through lib/signing/index.ts.
//
// A seal is readable, not secret: `base64url(value)`, then for a sealed value that ends, its end (ms, base 36),
// then an HMAC-SHA256 of purpose, end and value. The purpose never travels: a token made for one purpose (an
// unsubscribe link, say) is worthless for another (a confirm link), and a purpose can bind a token to
// something it does not carry (the post's current password, the account's email).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** Longer tokens are refused before any work: every caller's values are short (ids, an email, a nonce). */
const MAX_TOKEN_LENGTH = 2_048

const mac = (secret: string, input: string) => createHmac('sha256', secret).update(input).digest('base64url')

/**
 * What is signed. A value that never ends is signed as `purpose:value` — the format of the subscription links
 * already in people's mailboxes, so it stays — and its purpose must be a plain word. An ending value's input
 * is a JSON array, which starts with `[` where a plain word cannot: neither kind can pass for the other.
 */
function signedInput(purpose: string, value: string, expires: number | undefined): string {
  if (expires !== undefined) return JSON.stringify([purpose, expires, value])
  if (!/^[a-z][a-z-]*$/.test(purpose)) throw new Error(`A seal without an end needs a plain-word purpose: ${purpose}`)
  return `${purpose}:${value}`
}

/** `value` sealed with `secret` for `purpose`, until `expires` (or for ever). */
export function sealWith(secret: string, purpose: string, value: string, expires?: Date | number): string {
  const end = expires === undefined ? undefined : Math.floor(Number(expires))
  if (end !== undefined && !Number.isSafeInteger(end)) throw new Error('A seal needs a real end')
  const encoded = Buffer.from(value).toString('base64url')
  const signature = mac(secret, signedInput(purpose, value, end))
  return end === undefined ? `${encoded}.${signature}` : `${encoded}.${end.toString(36)}.${signature}`
}

/**
 * What a token sealed with `secret` for `purpose` carries — its value and its end (ms, or undefined) — whatever
 * the time, or null when the token is missing, too long, malformed, altered or sealed for another purpose.
 */
export function openSealWith(
  secret: string,
  purpose: string,
  token: string | null | undefined,
): { value: string; expires: number | undefined } | null {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null
  const parts = token.split('.')
  if (parts.length !== 2 && parts.length !== 3) return null
  const [encoded, ...rest] = parts as [string, ...string[]]
  const signature = rest.pop()!
  const endText = rest[0]
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || (endText !== undefined && !/^[0-9a-z]{1,11}$/.test(endText))) return null
  const expires = endText === undefined ? undefined : parseInt(endText, 36)
  const value = Buffer.from(encoded, 'base64url').toString()
  // A value that does not survive the round trip was not made by a seal (bad UTF-8, stray padding bits).
  if (Buffer.from(value).toString('base64url') !== encoded) return null
  if (expires === undefined && !/^[a-z][a-z-]*$/.test(purpose)) return null
  if (!sameSecret(signature, mac(secret, signedInput(purpose, value, expires)))) return null
  return { value, expires }
}

/** Whether two secrets are equal, in time that depends on neither (their digests are compared). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given), digest(expected))
}
