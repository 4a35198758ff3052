import { getSettings, getSiteUrl } from '@/lib/settings/queries'
import { listNavigationPages } from '@/lib/posts/pages'
import { SiteHeader } from './site-header'
import { SiteFooter } from './site-footer'

/** Header, main landmark and footer of every public page (and the 404 page). */
export async function SiteChrome({ children }: { children: React.ReactNode }) {
  const [settings, pages, siteUrl] = await Promise.all([getSettings(), listNavigationPages(), getSiteUrl()])
  return (
    <>
      <SiteHeader title={settings.siteTitle} tagline={settings.tagline} pages={pages} />
      <main id="content" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter title={settings.siteTitle} handle={`@${settings.fediverseHandle}@${new URL(siteUrl).host}`} />
    </>
  )
}
