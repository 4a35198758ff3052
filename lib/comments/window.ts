// When a post takes comments: its own switch, and the "close after N days" setting.

export function commentsOpenNow(
  post: { commentsOpen: boolean; publishedAt: Date | null },
  closeAfterDays: number,
  now = new Date(),
): boolean {
  if (!post.commentsOpen) return false
  if (!closeAfterDays || !post.publishedAt) return true
  return now.getTime() < closingTime(post.publishedAt, closeAfterDays).getTime()
}

export function closingTime(publishedAt: Date, closeAfterDays: number): Date {
  return new Date(publishedAt.getTime() + closeAfterDays * 86_400_000)
}
