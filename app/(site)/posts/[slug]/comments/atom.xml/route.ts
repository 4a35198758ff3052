import { postCommentsFeed, postCommentsFeedParams } from '@/lib/feeds/routes'

export const generateStaticParams = postCommentsFeedParams

/** A post's approved comments and mentions, as Atom. */
export const GET = postCommentsFeed('atom')
