// Builds RSS 2.0 and Atom 1.0 documents (with the `feed` library) from plain entries; pure and unit-tested.
import { Feed } from 'feed'

export type FeedFormat = 'rss' | 'atom'

export interface FeedChannel {
  title: string
  description: string
  /** The site's origin, e.g. https://blog.example.com */
  origin: string
  /** Path of the HTML page this feed follows, e.g. /tags/news */
  pagePath: string
  /** Paths of this feed in both formats. */
  rssPath: string
  atomPath: string
  language: string
  updated?: Date
}

export interface FeedEntry {
  /** Path of the entry's page; also its permanent id. */
  path: string
  title: string
  date: Date
  updated?: Date
  /** Full HTML content (sanitized); relative URLs in it are made absolute. */
  html: string
  summary?: string
  authorName: string
  categories?: string[]
}

export function buildFeed(format: FeedFormat, channel: FeedChannel, entries: FeedEntry[]): string {
  const abs = (path: string) => new URL(path, channel.origin).toString()
  const updated = channel.updated ?? entries.reduce<Date | undefined>((max, e) => {
    const d = e.updated ?? e.date
    return !max || d > max ? d : max
  }, undefined)
  const feed = new Feed({
    id: abs(channel.pagePath),
    link: abs(channel.pagePath),
    title: channel.title,
    description: channel.description,
    language: channel.language,
    updated: updated ?? new Date(0),
    generator: 'Daisy',
    copyright: `© ${channel.title}`,
    feedLinks: { rss: abs(channel.rssPath), atom: abs(channel.atomPath) },
  })
  for (const entry of entries) {
    const url = abs(entry.path)
    const common = {
      link: url,
      title: entry.title,
      date: entry.updated ?? entry.date,
      published: entry.date,
      description: entry.summary,
      content: absolutizeUrls(entry.html, channel.origin),
      category: entry.categories?.map((name) => ({ name })),
    }
    feed.addItem(
      format === 'rss'
        ? // RSS: the link is the permalink guid; RSS's <author> must be an email, so the name goes in dc:creator.
          { ...common, extensions: [{ name: 'dc:creator', objects: { _cdata: entry.authorName } }] }
        : { ...common, id: url, author: [{ name: entry.authorName }] },
    )
  }
  return format === 'rss' ? feed.rss2() : feed.atom1()
}

/** Makes root-relative href/src/srcset URLs in our own sanitized HTML absolute, as feed readers need. */
export function absolutizeUrls(html: string, origin: string): string {
  const base = origin.replace(/\/+$/, '')
  return html
    .replace(/\b(href|src)="\/(?!\/)/g, `$1="${base}/`)
    .replace(/\bsrcset="([^"]*)"/g, (_m, set: string) => `srcset="${set.replace(/(^|,\s*)\/(?!\/)/g, `$1${base}/`)}"`)
}
