import type { Metadata } from 'next'
import { ChangePasswordForm, ProfileForm } from '@/components/admin/user-forms'
import { NotificationForm } from '@/components/admin/notification-form'
import { SessionList } from '@/components/admin/session-list'
import { getSessionId, requireUser } from '@/lib/auth/session'
import { listSessions } from '@/lib/auth/sessions'
import { getProfile } from '@/lib/users/queries'
import { listMediaChoices } from '@/lib/media/queries'
import { getSettings } from '@/lib/settings/queries'

export const metadata: Metadata = { title: 'Profile' }

export default async function ProfilePage() {
  const user = await requireUser('/admin/profile')
  const [profile, media, sessions, currentId, settings] = await Promise.all([
    getProfile(user.id),
    listMediaChoices(),
    listSessions(user.id),
    getSessionId(),
    getSettings(),
  ])
  return (
    <>
      <h1>Your profile</h1>
      <p className="muted">Signed in as {profile.email}.</p>
      <ProfileForm profile={profile} avatars={media} />
      <NotificationForm notifyHeld={profile.notifyHeld} notifyApproved={profile.notifyApproved} />
      <ChangePasswordForm />
      <SessionList sessions={sessions} currentId={currentId} timezone={settings.timezone} locale={settings.locale} />
    </>
  )
}
