import type { Metadata, Viewport } from 'next'
import { getSettings, getSiteUrl } from '@/lib/settings/queries'
import { pageAlternates } from '@/lib/feeds/queries'
import { iconMetadata } from '@/lib/settings/site-icon'
import { THEME } from '@/lib/settings/theme'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const [settings, siteUrl] = await Promise.all([getSettings(), getSiteUrl()])
  return {
    metadataBase: new URL(siteUrl),
    title: { default: settings.siteTitle, template: `%s · ${settings.siteTitle}` },
    description: settings.tagline || undefined,
    alternates: { types: (await pageAlternates('/')).types },
    openGraph: { siteName: settings.siteTitle, type: 'website', locale: settings.locale.replace('-', '_') },
    twitter: { card: 'summary' },
    icons: iconMetadata(settings.siteIcon),
  }
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: THEME.light.background },
    { media: '(prefers-color-scheme: dark)', color: THEME.dark.background },
  ],
}

export default async function RootLayout({ children }: LayoutProps<'/'>) {
  const settings = await getSettings()
  return (
    <html lang={settings.locale.split('-')[0] ?? 'en'}>
      <body>{children}</body>
    </html>
  )
}
