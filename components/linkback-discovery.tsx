import { escapeHtml } from '@/lib/content/escape'

// Inside an HTML comment "--" must not appear either.
const escapeAttr = (s: string) => escapeHtml(s).replace(/--/g, '&#45;&#45;')

interface Props {
  siteUrl: string
  postUrl: string
  postId: string
  title: string
  pingsOpen: boolean
}

/**
 * How other blogs find where to ping this post: <link rel="pingback"> and <link rel="webmention"> (React
 * moves them into <head>), TrackBack's RDF block in an HTML comment as the spec shows it, and the TrackBack
 * URL for people who paste it by hand.
 */
export function LinkbackDiscovery({ siteUrl, postUrl, postId, title, pingsOpen }: Props) {
  if (!pingsOpen) return null
  const ping = `${siteUrl}/trackback/${postId}`
  const rdf = `<!--
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:dc="http://purl.org/dc/elements/1.1/"
         xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/">
<rdf:Description rdf:about="${escapeAttr(postUrl)}"
    dc:identifier="${escapeAttr(postUrl)}"
    dc:title="${escapeAttr(title)}"
    trackback:ping="${escapeAttr(ping)}" />
</rdf:RDF>
-->`
  return (
    <>
      <link rel="pingback" href={`${siteUrl}/xmlrpc`} />
      <link rel="webmention" href={`${siteUrl}/webmention`} />
      <div hidden dangerouslySetInnerHTML={{ __html: rdf }} />
      <p className="trackback-url muted">
        TrackBack URL for this post: <code>{ping}</code>
      </p>
    </>
  )
}
