import type { Metadata } from 'next'
import { ChangePasswordForm, ProfileForm } from '@/components/admin/user-forms'
import { requireUser } from '@/lib/auth/session'
import { getProfile } from '@/lib/users/queries'
import { listMediaChoices } from '@/lib/media/queries'

export const metadata: Metadata = { title: 'Profile' }

export default async function ProfilePage() {
  const user = await requireUser('/admin/profile')
  const [profile, media] = await Promise.all([getProfile(user.id), listMediaChoices()])
  return (
    <>
      <h1>Your profile</h1>
      <p className="muted">Signed in as {profile.email}.</p>
      <ProfileForm profile={profile} avatars={media} />
      <ChangePasswordForm />
    </>
  )
}
