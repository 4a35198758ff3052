import type { MetadataRoute } from 'next'
import { listSitemapEntries } from '@/lib/posts/archive'
import { getSiteUrl } from '@/lib/settings/queries'

/** Posts, pages and tags with their last change; one file holds up to 50,000 URLs, the protocol's limit. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [siteUrl, entries] = await Promise.all([getSiteUrl(), listSitemapEntries()])
  return [
    { url: `${siteUrl}/`, lastModified: entries.latest, changeFrequency: 'daily', priority: 1 },
    ...entries.posts.map((p) => ({
      url: `${siteUrl}${p.path}`,
      lastModified: p.updatedAt,
      priority: p.path.startsWith('/posts/') ? 0.8 : 0.6,
    })),
    ...entries.tags.map((t) => ({ url: `${siteUrl}/tags/${t.slug}`, priority: 0.4 })),
  ]
}
