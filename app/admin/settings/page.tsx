import type { Metadata } from 'next'
import { SettingsForm } from '@/components/admin/settings-form'
import { SiteIconForm } from '@/components/admin/site-icon-form'
import { requireRole } from '@/lib/auth/session'
import { getAllSettings } from '@/lib/settings/queries'

export const metadata: Metadata = { title: 'Settings' }

export default async function SettingsPage() {
  await requireRole('ADMIN', '/admin/settings')
  const settings = await getAllSettings()
  return (
    <>
      <h1>Settings</h1>
      <SettingsForm settings={settings} timezones={[...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])]} />
      <SiteIconForm version={settings.siteIcon} />
    </>
  )
}
