import { tagFeed, tagFeedParams } from '@/lib/feeds/routes'

export const generateStaticParams = tagFeedParams

/** One tag's Atom feed. */
export const GET = tagFeed('atom')
