// The device cookie: proof that this browser signed in to an account before. It only exempts the browser from
// the account-wide sign-in brake (lib/auth/throttle.ts); it never signs anyone in.
import { randomBytes } from 'node:crypto'
import { DEVICE_COOKIE } from '@/lib/http/names'
import { seal, unseal } from '@/lib/signing'

export { DEVICE_COOKIE }
export const DEVICE_MAX_AGE = 365 * 24 * 60 * 60

// The account's email is part of the seal's purpose: the cookie names no account, and is worth nothing for another.
const devicePurpose = (email: string) => `device:${email.toLowerCase()}`

/** A fresh cookie value for a browser that just signed in to `email`: a random nonce, sealed for a year. */
export function deviceToken(email: string, now = Date.now()): string {
  return seal(devicePurpose(email), randomBytes(9).toString('base64url'), now + DEVICE_MAX_AGE * 1000)
}

export function isKnownDevice(value: string | undefined, email: string): boolean {
  return unseal(devicePurpose(email), value) !== null
}
