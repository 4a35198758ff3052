import { postCommentsFeed, postCommentsFeedParams } from '@/lib/feeds/routes'

export const generateStaticParams = postCommentsFeedParams

/** A post's approved comments and mentions, as RSS. */
export const GET = postCommentsFeed('rss')
