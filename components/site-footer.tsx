/**
 * The foot of every public page: the blog's fediverse handle to follow it from Mastodon and the like (pasted
 * into their search box; one click selects it whole), then the colophon.
 */
export function SiteFooter({ title, handle }: { title: string; handle: string }) {
  return (
    <footer className="site-footer">
      <p className="fediverse-follow">
        Follow on the fediverse: <code className="fediverse-handle">{handle}</code>
      </p>
      <p>{title} · Powered by Daisy</p>
    </footer>
  )
}
