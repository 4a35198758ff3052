// Signed payloads with the app's secret (NEXTAUTH_SECRET), and comparing secrets in constant time: the one
// place for the comment form's token, the subscription links in mails, the held-comments cookie, the device
// cookie and the post-password cookie (all `seal`), and the worker header (`sameSecret`). The format is in
// lib/signing/seal.ts.
import { env } from '../env'
import { openSealWith, sameSecret, sealWith } from './seal'

export { sameSecret, sealWith }

function appSecret(): string {
  return env.NEXTAUTH_SECRET || 'daisy-development-secret'
}

/** `value`, signed for `purpose`, readable by `unseal` with the same purpose until `expires` (or for ever). */
export function seal(purpose: string, value: string, expires?: Date | number): string {
  return sealWith(appSecret(), purpose, value, expires)
}

/**
 * What a `seal(purpose, …)` token carries — its value and its end (ms, or undefined) — whatever the time, or
 * null when the token is missing, too long, malformed, altered or sealed for another purpose.
 */
export function openSeal(purpose: string, token: string | null | undefined) {
  return openSealWith(appSecret(), purpose, token)
}

/** The value a `seal(purpose, …)` token carries, or null when `openSeal` refuses it or it has ended at `now`. */
export function unseal(
  purpose: string,
  token: string | null | undefined,
  now: Date | number = Date.now(),
): string | null {
  const opened = openSeal(purpose, token)
  if (!opened || (opened.expires !== undefined && Number(now) >= opened.expires)) return null
  return opened.value
}
