// Whether a request's Cookie header carries a next-auth session that decodes with this blog's secret: the
// front door (server/main.ts, to keep signed-in views out of the page cache) and proxy.ts (to send strangers
// from /admin to the sign-in page) ask the same question here. A hint, never authorization: pages and actions
// check the session themselves (lib/auth/session.ts). Imported natively by server/: relative `.ts` imports only.
import { env } from '../env.ts'
import { sessionTokenOf } from '../http/names.ts'

export async function hasSession(cookieHeader: string | null | undefined): Promise<boolean> {
  const token = sessionTokenOf(cookieHeader)
  const secret = env.NEXTAUTH_SECRET
  if (!token || !secret) return false
  try {
    const { decode } = await import('next-auth/jwt')
    return !!(await decode({ token, secret }))?.sub
  } catch {
    return false
  }
}
