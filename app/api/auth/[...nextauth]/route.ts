import NextAuth from 'next-auth'
import { authOptions } from '@/lib/auth/options'

// Sign-in, sign-out, session and CSRF endpoints under /api/auth/*.
const handler = NextAuth(authOptions)

export { handler as GET, handler as POST }
