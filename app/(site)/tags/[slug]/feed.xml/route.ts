import { tagFeed, tagFeedParams } from '@/lib/feeds/routes'

export const generateStaticParams = tagFeedParams

/** One tag's RSS feed. */
export const GET = tagFeed('rss')
