// next-auth configuration: email + password (Credentials provider), JWT sessions in HttpOnly cookies.
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { db } from '@/lib/db'
import { clientIp } from '@/lib/http/client-ip'
import { verifyPassword } from './password'
import { credentialsSchema } from './schema'
import { recordFailure, recordSuccess, secondsUntilAllowed, throttleKeys } from './throttle'

export const INVALID_CREDENTIALS = 'The email or password is not right.'

export const authOptions: NextAuthOptions = {
  // Credentials sign-in needs JWT sessions; the token only carries the user id, the role is re-read per request.
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
  // next-auth marks cookies HttpOnly and SameSite=Lax, and Secure (with __Secure- names) when NEXTAUTH_URL is https.
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials ?? {})
        if (!parsed.success) throw new Error(INVALID_CREDENTIALS)
        const { email, password } = parsed.data
        const keys = throttleKeys(email, clientIp(req?.headers ?? {}))
        const wait = await secondsUntilAllowed(keys)
        if (wait > 0) throw new Error(`Too many failed attempts. Try again in ${formatWait(wait)}.`)
        const user = await db.user.findUnique({ where: { email } })
        const ok = await verifyPassword(password, user?.passwordHash)
        if (!user || !user.passwordHash || !ok) {
          await recordFailure(keys)
          throw new Error(INVALID_CREDENTIALS)
        }
        await recordSuccess(keys)
        return { id: user.id, email: user.email, name: user.name }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id
      return token
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub
      return session
    },
  },
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
}
