'use server'
// Accounts: the ADMIN manages users; everyone edits their own profile and password.
import { z } from 'zod'
import { refresh } from 'next/cache'
import { db } from '@/lib/db'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache-tags'
import { ForbiddenError, getSessionId, requireRole, requireUser } from '@/lib/auth/session'
import { endUserSessions } from '@/lib/auth/sessions'
import { clearAccountThrottle } from '@/lib/auth/throttle'
import { redirect } from 'next/navigation'
import { cookies } from 'next/headers'
import { generatePassword, hashPassword, verifyPassword } from '@/lib/auth/password'
import { roleSchema } from '@/lib/auth/schema'
import { slugify, uniqueSlug } from '@/lib/content/slug'
import { formValues, type FormState } from '@/lib/form-state'
import { changePasswordSchema, newUserSchema, profileSchema } from './schema'

async function adminOrState(): Promise<FormState | null> {
  try {
    await requireRole('ADMIN', '/admin/users')
    return null
  } catch (error) {
    if (error instanceof ForbiddenError) return { message: error.message, errors: { form: [error.message] } }
    throw error
  }
}

const slugTaken = async (slug: string) => !!(await db.user.findUnique({ where: { slug }, select: { id: true } }))

export async function createUser(_prev: FormState, formData: FormData): Promise<FormState> {
  const denied = await adminOrState()
  if (denied) return denied
  const values = formValues(formData)
  const parsed = newUserSchema.safeParse(values)
  if (!parsed.success)
    return { errors: z.flattenError(parsed.error).fieldErrors, values, message: 'The account was not created.' }
  const { email, name, role } = parsed.data
  if (await db.user.findUnique({ where: { email } }))
    return { errors: { email: ['An account with this email exists'] }, values }
  const password = parsed.data.password || generatePassword()
  await db.user.create({
    data: { email, name, role, slug: await uniqueSlug(name, slugTaken), passwordHash: await hashPassword(password) },
  })
  return {
    ok: true,
    message: `Created ${email} (${role === 'ADMIN' ? 'admin' : 'author'}).`,
    secret: parsed.data.password ? undefined : password,
  }
}

export async function changeRole(userId: string, formData: FormData): Promise<void> {
  const admin = await requireRole('ADMIN', '/admin/users')
  const role = roleSchema.parse(formData.get('role'))
  if (userId === admin.id && role !== 'ADMIN') throw new Error('You cannot take away your own admin role.')
  const before = await db.user.findUnique({ where: { id: userId }, select: { role: true } })
  await db.user.update({ where: { id: userId }, data: { role } })
  // A changed role starts from a fresh sign-in, so nothing opened under the old role stays open.
  if (before && before.role !== role) await endUserSessions(userId)
  refresh()
}

export async function resetPassword(userId: string, _prev: FormState): Promise<FormState> {
  const denied = await adminOrState()
  if (denied) return denied
  const user = await db.user.findUnique({ where: { id: userId } })
  if (!user) return { message: 'That account no longer exists.' }
  const password = generatePassword()
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } })
  // Whoever held the old password (or a session made with it) is out; the account's brake starts afresh.
  await endUserSessions(userId)
  await clearAccountThrottle(user.email)
  return { ok: true, message: `New password for ${user.email}.`, secret: password }
}

/** Removes an account; its posts and comments move to another user, never vanish. */
export async function removeUser(userId: string, formData: FormData): Promise<void> {
  const admin = await requireRole('ADMIN', '/admin/users')
  if (userId === admin.id) throw new Error('You cannot remove your own account.')
  const heirId = z.string().min(1).parse(formData.get('reassignTo'))
  if (heirId === userId) throw new Error('Choose someone else to receive the posts.')
  const heir = await db.user.findUniqueOrThrow({ where: { id: heirId }, select: { id: true } })
  await db.$transaction([
    db.post.updateMany({ where: { authorId: userId }, data: { authorId: heir.id } }),
    db.user.delete({ where: { id: userId } }),
  ])
  expireTags([tags.posts])
}

export async function updateProfile(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser('/admin/profile')
  const values = formValues(formData)
  const parsed = profileSchema.safeParse(values)
  if (!parsed.success)
    return { errors: z.flattenError(parsed.error).fieldErrors, values, message: 'Your profile was not saved.' }
  const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { slug: true } })
  const slug = current.slug ?? (await uniqueSlug(slugify(parsed.data.name), slugTaken))
  await db.user.update({
    where: { id: user.id },
    data: { name: parsed.data.name, bio: parsed.data.bio, avatarUrl: parsed.data.avatarUrl || null, slug },
  })
  expireTags([tags.posts, tags.settings])
  return { ok: true, message: 'Profile saved.', values }
}

export async function changePassword(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser('/admin/profile')
  const parsed = changePasswordSchema.safeParse(formValues(formData))
  if (!parsed.success)
    return { errors: z.flattenError(parsed.error).fieldErrors, message: 'The password was not changed.' }
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })
  if (!(await verifyPassword(parsed.data.current, row.passwordHash)))
    return { errors: { current: ['That is not your current password'] } }
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(parsed.data.next) } })
  // Every other browser signed in as this user is signed out; this one stays.
  const ended = await endUserSessions(user.id, { keep: (await getSessionId()) ?? undefined })
  return {
    ok: true,
    message: ended
      ? `Password changed. ${ended} other session${ended === 1 ? ' was' : 's were'} signed out.`
      : 'Password changed.',
  }
}

/** "Sign out everywhere else" (keep this browser) or everywhere (this one too, then the sign-in page). */
export async function endSessions(scope: 'others' | 'all'): Promise<void> {
  const user = await requireUser('/admin/profile')
  const current = await getSessionId()
  await endUserSessions(user.id, { keep: scope === 'others' ? (current ?? undefined) : undefined })
  if (scope === 'all') {
    const jar = await cookies()
    for (const name of ['next-auth.session-token', '__Secure-next-auth.session-token']) jar.delete(name)
    redirect('/login?signedOut=1')
  }
  refresh()
}
