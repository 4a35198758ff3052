import { ImageResponse } from 'next/og'
import { getPublishedPost, listRecentPostSlugs } from '@/lib/posts/queries'
import { getSettings } from '@/lib/settings/queries'
import { formatDate } from '@/lib/format'
import { atLeastOne } from '@/lib/static-params'

export const alt = 'The post’s title and author'
export const size = { width: 1200, height: 630 }
export const contentType = 'image/png'

export async function generateStaticParams() {
  const slugs = await listRecentPostSlugs({ limit: 20 })
  return atLeastOne(
    slugs.map((slug) => ({ slug })),
    { slug: 'hello-world' },
  )
}

/** A share card per post: site name, title, author and date (next/og, rendered at build or first request). */
export default async function OpenGraphImage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const [post, settings] = await Promise.all([getPublishedPost(slug), getSettings()])
  const title = post?.title ?? settings.siteTitle
  const byline = post
    ? `${post.author.name}${post.publishedAt ? ` · ${formatDate(post.publishedAt, settings)}` : ''}`
    : settings.tagline
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '72px 80px',
        background: '#fdfcf8',
        color: '#1d1c1a',
        borderBottom: '24px solid #c99a2e',
      }}
    >
      <div style={{ fontSize: 34, color: '#8a4b00', display: 'flex' }}>{settings.siteTitle}</div>
      <div style={{ fontSize: title.length > 60 ? 60 : 76, fontWeight: 700, lineHeight: 1.1, display: 'flex' }}>
        {title}
      </div>
      <div style={{ fontSize: 32, color: '#5c5a55', display: 'flex' }}>{byline}</div>
    </div>,
    size,
  )
}
