// next-auth configuration: email + password (Credentials provider); the session cookie is a JWT naming a
// server-side Session row (lib/auth/sessions.ts), so sessions can be ended.
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { cookies } from 'next/headers'
import { db } from '@/lib/db'
import { DATABASE_BUSY_MESSAGE, isDatabaseBusy } from '@/lib/db/busy'
import { clientIp } from '@/lib/http/client-ip'
import { cookieOptions } from '@/lib/http/cookies'
import { safeCallbackPath } from './callback-url'
import { DEVICE_COOKIE, DEVICE_MAX_AGE, deviceToken, isKnownDevice } from './device'
import { HashingBusy, hashPassword, needsRehash, verifyPassword } from './password'
import { credentialsSchema } from './schema'
import { endSession, findSessionUser, SESSION_MAX_AGE, startSession } from './sessions'
import { giveBack, reserveAttempt, throttleKeys } from './throttle'

export const INVALID_CREDENTIALS = 'The email or password is not right.'
export const HASHING_BUSY = 'Too many sign-ins at once. Please try again in a few seconds.'
export const SIGN_IN_FAILED = 'Signing in did not work just now. Please try again in a moment.'

/** A refusal whose message is meant for the person signing in (anything else is replaced by SIGN_IN_FAILED). */
class SignInRefusal extends Error {}

type Headers = Record<string, string | string[] | undefined>

async function checkCredentials(credentials: Record<string, string> | undefined, headers: Headers) {
  const parsed = credentialsSchema.safeParse(credentials ?? {})
  if (!parsed.success) throw new SignInRefusal(INVALID_CREDENTIALS)
  const { email, password } = parsed.data
  const ip = clientIp(headers)
  const jar = await cookies()
  const knownDevice = isKnownDevice(jar.get(DEVICE_COOKIE)?.value, email)
  // The attempt is taken (counted as a failure) before the hash, and given back if the password is right.
  const attempt = await reserveAttempt(throttleKeys(email, ip, { knownDevice }))
  if (!attempt.ok) throw new SignInRefusal(`Too many failed attempts. Try again in ${formatWait(attempt.wait)}.`)
  const user = await db.user.findUnique({ where: { email } })
  // The owner's browser goes ahead of strangers' attempts; those wait in a short line, refused when it is full.
  const ok = await verifyPassword(password, user?.passwordHash, { urgent: knownDevice }).catch((error: unknown) => {
    if (error instanceof HashingBusy) throw new SignInRefusal(HASHING_BUSY)
    throw error
  })
  if (!user || !user.passwordHash || !ok) throw new SignInRefusal(INVALID_CREDENTIALS)
  await giveBack(attempt.keys)
  // Hashes from older versions (bcrypt) or weaker parameters are replaced while the password is at hand.
  if (needsRehash(user.passwordHash))
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } })
  jar.set(DEVICE_COOKIE, deviceToken(email), cookieOptions(DEVICE_MAX_AGE))
  const session = await startSession(user.id, { userAgent: first(headers['user-agent']), ip })
  return { id: user.id, email: user.email, name: user.name, sessionId: session.id }
}

export const authOptions: NextAuthOptions = {
  // Credentials sign-in needs JWT sessions; the token carries the user and session ids, all else is re-read.
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE },
  pages: { signIn: '/login', error: '/login' },
  // next-auth marks cookies HttpOnly and SameSite=Lax, and Secure (with __Secure- names) when NEXTAUTH_URL is https.
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        try {
          return await checkCredentials(credentials, (req?.headers ?? {}) as Headers)
        } catch (error) {
          if (error instanceof SignInRefusal) throw error
          // A locked database, say: its message would end up in the sign-in page's URL, so it never does.
          console.error('daisy: sign-in failed', error)
          throw new Error(isDatabaseBusy(error) ? DATABASE_BUSY_MESSAGE : SIGN_IN_FAILED)
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id
        token.sid = (user as { sessionId?: string }).sessionId
      }
      return token
    },
    // The one read of the Session row per request: an ended session (or a removed user) shows as signed out
    // everywhere, /api/auth/session included; a live one carries the user as the database has them now.
    async session({ session, token }) {
      const user = typeof token.sid === 'string' ? await findSessionUser(token.sid) : null
      if (!user) return { expires: session.expires } as typeof session
      return { ...session, user: { ...user, sid: token.sid } } as typeof session
    },
    // Only paths on this site, decided on the parsed URL (next-auth's own check lets `/\t/evil.example` through).
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, '/admin', baseUrl)}`
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await endSession(token.sid)
    },
  },
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
}
