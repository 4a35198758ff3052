import { feedResponse, getPostsFeed } from '@/lib/feeds/queries'

/** The site's RSS feed: the newest posts with full content. */
export async function GET() {
  return feedResponse(await getPostsFeed({ format: 'rss' }), 'rss')
}
