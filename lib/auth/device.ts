// The device cookie: proof that this browser signed in to an account before. It only exempts the browser from
// the account-wide sign-in brake (lib/auth/throttle.ts); it never signs anyone in.
import { randomBytes } from 'node:crypto'
import { DEVICE_COOKIE } from '@/lib/http/names'
import { sameSecret, sign } from '@/lib/signing'

export { DEVICE_COOKIE }
export const DEVICE_MAX_AGE = 365 * 24 * 60 * 60

const mac = (email: string, nonce: string) => sign(`device\u0000${email.toLowerCase()}\u0000${nonce}`)

export function deviceToken(email: string): string {
  const nonce = randomBytes(9).toString('base64url')
  return `${nonce}.${mac(email, nonce)}`
}

export function isKnownDevice(value: string | undefined, email: string): boolean {
  const [nonce, given] = (value ?? '').split('.')
  return !!nonce && !!given && sameSecret(given, mac(email, nonce))
}
