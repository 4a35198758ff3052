// Builds RSS 2.0 and Atom 1.0 documents (with the `feed` library) from plain entries; pure and unit-tested.
import { Feed } from 'feed'
import { escapeHtml } from '@/lib/content/escape'
import { finishXml, xmlAttribute, xmlCdata, xmlText } from './xml-safe'

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
  const updated =
    channel.updated ??
    entries.reduce<Date | undefined>((max, e) => {
      const d = e.updated ?? e.date
      return !max || d > max ? d : max
    }, undefined)
  // Every string goes through xml-safe.ts, by the way the library writes it (text, attribute or CDATA).
  const feed = new Feed({
    id: abs(channel.pagePath),
    link: abs(channel.pagePath),
    title: xmlText(channel.title),
    description: xmlText(channel.description),
    language: xmlText(channel.language),
    updated: updated ?? new Date(0),
    generator: 'Daisy',
    copyright: xmlText(`© ${channel.title}`),
    feedLinks: { rss: abs(channel.rssPath), atom: abs(channel.atomPath) },
  })
  for (const entry of entries) {
    const url = abs(entry.path)
    const common = {
      link: url,
      date: entry.updated ?? entry.date,
      published: entry.date,
      content: xmlCdata(absolutizeUrls(entry.html, channel.origin)),
      // The summary is plain text; RSS descriptions and Atom's type="html" summaries are read as HTML.
      description: entry.summary && xmlCdata(escapeHtml(entry.summary)),
    }
    feed.addItem(
      format === 'rss'
        ? // RSS: the link is the permalink guid; RSS's <author> must be an email, so the name goes in dc:creator.
          {
            ...common,
            title: xmlCdata(entry.title),
            category: entry.categories?.map((name) => ({ name: xmlText(name) })),
            extensions: [{ name: 'dc:creator', objects: { _cdata: xmlCdata(entry.authorName) } }],
          }
        : // Atom: the library marks titles type="html", so a plain title is escaped as HTML; a category needs a term.
          {
            ...common,
            id: url,
            title: xmlCdata(escapeHtml(entry.title)),
            category: entry.categories?.map((name) => ({ name: xmlAttribute(name), term: xmlAttribute(name) })),
            author: [{ name: xmlText(entry.authorName) }],
          },
    )
  }
  return finishXml(format === 'rss' ? feed.rss2() : feed.atom1())
}

/** Makes root-relative href/src/srcset URLs in our own sanitized HTML absolute, as feed readers need. */
export function absolutizeUrls(html: string, origin: string): string {
  const base = origin.replace(/\/+$/, '')
  return html
    .replace(/\b(href|src)="\/(?!\/)/g, `$1="${base}/`)
    .replace(/\bsrcset="([^"]*)"/g, (_m, set: string) => `srcset="${set.replace(/(^|,\s*)\/(?!\/)/g, `$1${base}/`)}"`)
}
