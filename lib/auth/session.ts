// Who is asking: the one place admin pages, actions and route handlers check identity and role.
import 'server-only'
import { cache } from 'react'
import { getServerSession } from 'next-auth'
import { redirect } from 'next/navigation'
import { db } from '@/lib/db'
import { authOptions } from './options'
import type { RoleName } from './schema'

export interface CurrentUser {
  id: string
  email: string
  name: string
  role: RoleName
}

/** The signed-in user, re-read from the database (a removed user or a changed role takes effect at once). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions)
  const id = (session?.user as { id?: string } | undefined)?.id
  if (!id) return null
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } })
})

/** For pages and server actions: the user, or a redirect to the sign-in page (so nothing else runs). */
export async function requireUser(callbackUrl = '/admin'): Promise<CurrentUser> {
  const user = await getCurrentUser()
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`)
  return user
}

export class ForbiddenError extends Error {
  constructor(message = 'You do not have permission to do that.') {
    super(message)
    this.name = 'ForbiddenError'
  }
}

/** The user if their role allows it (ADMIN may do everything AUTHOR may); otherwise ForbiddenError. */
export async function requireRole(role: RoleName, callbackUrl?: string): Promise<CurrentUser> {
  const user = await requireUser(callbackUrl)
  if (role === 'ADMIN' && user.role !== 'ADMIN') throw new ForbiddenError()
  return user
}

/** ADMIN edits everything; an AUTHOR only their own posts. */
export function canEditPost(user: CurrentUser, post: { authorId: string }): boolean {
  return user.role === 'ADMIN' || post.authorId === user.id
}
