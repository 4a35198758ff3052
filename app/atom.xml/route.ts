import { feedResponse, getPostsFeed } from '@/lib/feeds/queries'

/** The site's Atom feed: the newest posts with full content. */
export async function GET() {
  return feedResponse(await getPostsFeed({ format: 'atom' }), 'atom')
}
