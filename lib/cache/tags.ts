// The cache tags of public reads, in one place: queries tag with them, writes revalidate them.
export const tags = {
  posts: 'posts',
  /** The approved-comment counts on post cards (lists); a comment expires this, not every post's pages. */
  commentCounts: 'comment-counts',
  settings: 'settings',
  /** The served icon files (favicon, apple-touch, manifest icons); the Settings upload expires them. */
  siteIcon: 'site-icon',
  /** Imported media looked up by their old WordPress address. */
  media: 'media',
  post: (slug: string) => `post:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  comments: (postId: string) => `comments:${postId}`,
} as const
