// Who is asking: the one place admin pages, actions and route handlers check identity and role.
import 'server-only'
import { cache } from 'react'
import { getServerSession } from 'next-auth'
import { redirect } from 'next/navigation'
import { ForbiddenError } from '@/lib/errors'
import { authOptions } from './options'
import { hasRole } from './roles'
import type { RoleName } from './schema'

export interface CurrentUser {
  id: string
  email: string
  name: string
  role: RoleName
}

/**
 * The signed-in user, re-read from the database with their session: an ended session, a removed user or a
 * changed role takes effect at once.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => (await getLiveSession())?.user ?? null)

/** The id of the server-side session the cookie names (null: no cookie, or one from before sessions were kept). */
export const getSessionId = cache(async (): Promise<string | null> => (await getLiveSession())?.sid ?? null)

/** The session as authOptions' session callback left it: the user and session id only while the row lives. */
const getLiveSession = cache(async (): Promise<{ user: CurrentUser; sid: string } | null> => {
  const session = await getServerSession(authOptions)
  const user = session?.user as (CurrentUser & { sid?: unknown }) | undefined
  if (!user?.id || typeof user.sid !== 'string') return null
  const { id, email, name, role, sid } = user
  return { user: { id, email, name, role }, sid }
})

/** For pages and server actions: the user, or a redirect to the sign-in page (so nothing else runs). */
export async function requireUser(callbackUrl = '/admin'): Promise<CurrentUser> {
  const user = await getCurrentUser()
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`)
  return user
}

/**
 * The user if their role allows it; otherwise ForbiddenError. Pages and actions alike: uncaught, its digest makes
 * Next answer 403 with app/forbidden.tsx; a form action (lib/auth/form-action.ts) shows its message instead.
 */
export async function requireRole(role: RoleName, callbackUrl?: string): Promise<CurrentUser> {
  const user = await requireUser(callbackUrl)
  if (!hasRole(user, role)) throw new ForbiddenError()
  return user
}
