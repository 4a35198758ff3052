/** Where a post or page is read: /posts/<slug> for posts, /<slug> for pages. */
export function publicPath(post: { type: 'POST' | 'PAGE'; slug: string }): string {
  return post.type === 'PAGE' ? `/${post.slug}` : `/posts/${post.slug}`
}
