// Password hashing (bcrypt, cost 12) and generation; clear-text passwords are never stored or logged.
import bcrypt from 'bcryptjs'
import { randomBytes } from 'node:crypto'

const COST = 12

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST)
}

export function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  // Compare against a dummy hash when there is none, so unknown accounts take as long as known ones.
  dummyHash ??= bcrypt.hash(randomBytes(16).toString('hex'), COST)
  return hash ? bcrypt.compare(password, hash) : dummyHash.then((h) => bcrypt.compare(password, h))
}

let dummyHash: Promise<string> | undefined

/** A random password that is easy to copy: 20 characters from an unambiguous alphabet. */
export function generatePassword(length = 20): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(length)
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}
