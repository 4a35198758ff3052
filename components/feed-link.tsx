/** A visible link to a feed, for readers who subscribe by copying a URL. */
export function FeedLink({ href, label }: { href: string; label: string }) {
  return (
    <p className="feed-link">
      <a href={href} type="application/rss+xml">
        {label} (RSS)
      </a>
    </p>
  )
}
