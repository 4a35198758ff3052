// Signing with the app's secret (NEXTAUTH_SECRET) and comparing secrets in constant time: the one place for
// form tokens, signed cookie values, post-password cookies and the worker header.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { env } from './env'

function appSecret(): string {
  return env.NEXTAUTH_SECRET || 'daisy-development-secret'
}

/** HMAC-SHA256 of the payload with the app's secret, base64url. */
export function sign(payload: string): string {
  return createHmac('sha256', appSecret()).update(payload).digest('base64url')
}

/** Whether two secrets are equal, in time that depends on neither (their digests are compared). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** A value with its signature, for small cookies (the ids of a commenter's held comments). */
export function signValue(value: string): string {
  return `${value}.${sign(`cookie:${value}`)}`
}

/** The value a signValue() string carries, or null when it was altered or is missing. */
export function readSignedValue(signed: string | undefined): string | null {
  if (!signed) return null
  const at = signed.lastIndexOf('.')
  if (at < 0) return null
  const value = signed.slice(0, at)
  return sameSecret(signed.slice(at + 1), sign(`cookie:${value}`)) ? value : null
}
