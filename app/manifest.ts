import type { MetadataRoute } from 'next'
import { getSettings } from '@/lib/settings/queries'
import { iconQuery } from '@/lib/settings/site-icon'
import { THEME } from '@/lib/settings/theme'

/** The web app manifest (/manifest.webmanifest): the blog's name and icons, in the stylesheet's colours. */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const { siteTitle, tagline, siteIcon } = await getSettings()
  const q = iconQuery(siteIcon)
  return {
    name: siteTitle,
    short_name: shortName(siteTitle),
    description: tagline || undefined,
    start_url: '/',
    display: 'minimal-ui',
    background_color: THEME.light.background,
    theme_color: THEME.light.background,
    icons: [
      { src: `/site-icon/icon-192.png${q}`, sizes: '192x192', type: 'image/png' },
      { src: `/site-icon/icon-512.png${q}`, sizes: '512x512', type: 'image/png' },
    ],
  }
}

/** Home screens show about 12 characters: whole words up to that, else the title cut there. */
function shortName(title: string): string {
  if (title.length <= 12) return title
  let name = ''
  for (const word of title.split(/\s+/)) {
    if (`${name} ${word}`.trim().length > 12) break
    name = `${name} ${word}`.trim()
  }
  return name || title.slice(0, 12)
}
