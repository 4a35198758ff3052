'use server'
// Accounts: the ADMIN manages users; everyone edits their own profile and password.
import { z } from 'zod'
import { refresh } from 'next/cache'
import { db } from '@/lib/db'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache/tags'
import { getSessionId, requireRole, requireUser } from '@/lib/auth/session'
import { formAction } from '@/lib/auth/form-action'
import { ConflictError, InvalidInputError } from '@/lib/errors'
import { endUserSessions } from '@/lib/auth/sessions'
import { clearAccountThrottle } from '@/lib/auth/throttle'
import { redirect } from 'next/navigation'
import { cookies } from 'next/headers'
import { generatePassword, hashPassword, verifyPassword } from '@/lib/auth/password'
import { roleSchema } from '@/lib/auth/schema'
import { slugify, uniqueSlug } from '@/lib/content/slug'
import type { FormState, SecretState } from '@/lib/form-state'
import { mailConfig } from '@/lib/mail/config'
import { sendInvitation, type InvitationResult } from './password-reset'
import { changePasswordSchema, newUserSchema, profileSchema } from './schema'

const slugTaken = async (slug: string) => !!(await db.user.findUnique({ where: { slug }, select: { id: true } }))

export const createUser = formAction(
  {
    role: 'ADMIN',
    callbackUrl: '/admin/users',
    schema: newUserSchema,
    // An unticked checkbox is not sent at all.
    input: (values) => ({ ...values, invite: values.invite === 'on' }),
    invalid: 'The account was not created.',
  },
  async ({ user: admin, data: { email, name, role, password: chosen, invite } }): Promise<SecretState> => {
    if (await db.user.findUnique({ where: { email } }))
      throw new ConflictError('An account with this email exists', 'email')
    const password = invite ? null : chosen || generatePassword()
    const created = await db.user.create({
      data: {
        email,
        name,
        role,
        slug: await uniqueSlug(name, slugTaken),
        passwordHash: password ? await hashPassword(password) : null,
      },
      select: { id: true },
    })
    // The list above the form shows the new account at once.
    refresh()
    if (invite) return invitationState(await sendInvitation(created.id, admin.name))
    return {
      ok: true,
      message: `Created ${email} (${role === 'ADMIN' ? 'admin' : 'author'}).`,
      secret: chosen ? undefined : (password ?? undefined),
    }
  },
)

/** Another invitation to someone who has not chosen a password yet; the links sent before stop working. */
export const resendInvitation = formAction(
  { role: 'ADMIN', callbackUrl: '/admin/users' },
  async ({ user: admin }, userId: string): Promise<FormState> =>
    invitationState(await sendInvitation(z.string().max(40).parse(userId), admin.name)),
)

function invitationState(result: InvitationResult): FormState {
  if (!result.ok) return { ok: false, message: result.message }
  // Without an SMTP server the mail waits in the outbox, and the admin should not expect it to arrive.
  const where = mailConfig().smtpUrl ? 'the mail is on its way.' : 'the mail waits in the outbox until SMTP_URL is set.'
  return { ok: true, message: `Invited ${result.email}: ${where}` }
}

export async function changeRole(userId: string, formData: FormData): Promise<void> {
  const admin = await requireRole('ADMIN', '/admin/users')
  const role = roleSchema.parse(formData.get('role'))
  if (userId === admin.id && role !== 'ADMIN') throw new InvalidInputError('You cannot take away your own admin role.')
  const before = await db.user.findUnique({ where: { id: userId }, select: { role: true } })
  await db.user.update({ where: { id: userId }, data: { role } })
  // A changed role starts from a fresh sign-in, so nothing opened under the old role stays open.
  if (before && before.role !== role) await endUserSessions(userId)
  refresh()
}

export const resetPassword = formAction(
  { role: 'ADMIN', callbackUrl: '/admin/users' },
  async (_form, userId: string): Promise<SecretState> => {
    const user = await db.user.findUnique({ where: { id: userId } })
    if (!user) return { message: 'That account no longer exists.' }
    const password = generatePassword()
    await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } })
    // Whoever held the old password (or a session made with it) is out; the account's brake starts afresh.
    await endUserSessions(userId)
    await clearAccountThrottle(user.email)
    return { ok: true, message: `New password for ${user.email}.`, secret: password }
  },
)

/** Removes an account; its posts and comments move to another user, never vanish. */
export async function removeUser(userId: string, formData: FormData): Promise<void> {
  const admin = await requireRole('ADMIN', '/admin/users')
  if (userId === admin.id) throw new InvalidInputError('You cannot remove your own account.')
  const heirId = z.string().min(1).parse(formData.get('reassignTo'))
  if (heirId === userId) throw new InvalidInputError('Choose someone else to receive the posts.')
  const heir = await db.user.findUniqueOrThrow({ where: { id: heirId }, select: { id: true } })
  await db.$transaction([
    db.post.updateMany({ where: { authorId: userId }, data: { authorId: heir.id } }),
    db.user.delete({ where: { id: userId } }),
  ])
  expireTags([tags.posts])
}

export const updateProfile = formAction(
  { role: 'AUTHOR', callbackUrl: '/admin/profile', schema: profileSchema, invalid: 'Your profile was not saved.' },
  async ({ user, data, values }): Promise<FormState> => {
    const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { slug: true } })
    const slug = current.slug ?? (await uniqueSlug(slugify(data.name), slugTaken))
    await db.user.update({
      where: { id: user.id },
      data: { name: data.name, bio: data.bio, avatarUrl: data.avatarUrl || null, slug },
    })
    expireTags([tags.posts, tags.settings])
    return { ok: true, message: 'Profile saved.', values }
  },
)

export const changePassword = formAction(
  {
    role: 'AUTHOR',
    callbackUrl: '/admin/profile',
    schema: changePasswordSchema,
    invalid: 'The password was not changed.',
    // Passwords are never sent back.
    keep: () => undefined,
  },
  async ({ user, data }): Promise<FormState> => {
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })
    if (!(await verifyPassword(data.current, row.passwordHash, { urgent: true })))
      return { errors: { current: ['That is not your current password'] } }
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(data.next) } })
    // Every other browser signed in as this user is signed out; this one stays.
    const ended = await endUserSessions(user.id, { keep: (await getSessionId()) ?? undefined })
    return {
      ok: true,
      message: ended
        ? `Password changed. ${ended} other session${ended === 1 ? ' was' : 's were'} signed out.`
        : 'Password changed.',
    }
  },
)

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
