// Password hashing with scrypt from node:crypto: it runs on libuv's thread pool, so hashing never blocks the
// event loop that serves pages. Older bcrypt hashes still verify, and are re-hashed at the next sign-in.
// Clear-text passwords are never stored or logged.
import bcrypt from 'bcryptjs'
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { availableParallelism } from 'node:os'

// 32 MiB and ~250 ms of one thread-pool thread a hash here. OWASP's floor is N=2^17, r=8, p=1 (128 MiB) or the
// same work in less memory at N=2^15, r=8, p=3; p=2 keeps the memory low with most of that work.
const PARAMS = { ln: 15, r: 8, p: 2 } as const
const KEY_LENGTH = 32

/**
 * Hashes at a time: one core fewer than the machine has (at least one), so a burst of sign-ins leaves a core
 * to the event loop serving pages, and threads of the pool (4) to its file reads and name lookups.
 */
const MAX_CONCURRENT = Math.max(1, availableParallelism() - 1)
/**
 * Strangers' sign-ins waiting for a slot: about two seconds of hashing. More are refused at once (HashingBusy)
 * rather than queued without end, so a flood costs its senders, not the owner: urgent work (the owner's own
 * browser, a signed-in author changing a password) has its own line, served first.
 */
export const MAX_WAITING = 8 * MAX_CONCURRENT
let active = 0
const waiting: (() => void)[] = []
const urgentWaiting: (() => void)[] = []

/** The hashing line is full: try again in a moment. */
export class HashingBusy extends Error {
  constructor() {
    super('Too many passwords are being checked at once')
  }
}

async function withSlot<T>(work: () => Promise<T>, urgent: boolean): Promise<T> {
  if (active >= MAX_CONCURRENT) {
    if (!urgent && waiting.length >= MAX_WAITING) throw new HashingBusy()
    await new Promise<void>((resolve) => (urgent ? urgentWaiting : waiting).push(resolve))
  }
  active++
  try {
    return await work()
  } finally {
    active--
    ;(urgentWaiting.shift() ?? waiting.shift())?.()
  }
}

function derive(
  password: string,
  salt: Buffer,
  params: { ln: number; r: number; p: number },
  urgent: boolean,
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** params.ln,
    r: params.r,
    p: params.p,
    maxmem: 256 * 2 ** params.ln * params.r,
  }
  return withSlot(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
          error ? reject(error) : resolve(key),
        )
      }),
    urgent,
  )
}

/**
 * `$scrypt$ln=15,r=8,p=2$<salt>$<hash>` (PHC string format, base64 without padding). Only ever asked by someone
 * already trusted (a signed-in user, a mailed reset link, the seed), so it takes the urgent line.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS, true)
  return `$scrypt$ln=${PARAMS.ln},r=${PARAMS.r},p=${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

const SCRYPT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([\w-]+)\$([\w-]+)$/

/** Whether `password` matches `hash`; throws HashingBusy when the line is full (never for `urgent` checks). */
export async function verifyPassword(
  password: string,
  hash: string | null | undefined,
  { urgent = false } = {},
): Promise<boolean> {
  const scryptHash = hash && SCRYPT.exec(hash)
  if (scryptHash) {
    const [, ln, r, p, salt, expected] = scryptHash
    const key = await derive(
      password,
      Buffer.from(salt!, 'base64url'),
      { ln: Number(ln), r: Number(r), p: Number(p) },
      urgent,
    )
    const want = Buffer.from(expected!, 'base64url')
    return want.length === key.length && timingSafeEqual(want, key)
  }
  if (hash?.startsWith('$2')) return bcrypt.compare(password, hash)
  // No usable hash (unknown account, imported author): spend the same time, so the answer tells nothing.
  await derive(password, randomBytes(16), PARAMS, urgent)
  return false
}

/** True for hashes made with other parameters or another algorithm: re-hash them after a successful sign-in. */
export function needsRehash(hash: string): boolean {
  const match = SCRYPT.exec(hash)
  return !match || Number(match[1]) !== PARAMS.ln || Number(match[2]) !== PARAMS.r || Number(match[3]) !== PARAMS.p
}

/** A random password that is easy to copy: 20 characters from an unambiguous alphabet. */
export function generatePassword(length = 20): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(length)
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}
