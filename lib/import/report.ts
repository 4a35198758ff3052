// What an import did: the report's shape, and the report as lines of text (the CLI prints them; the admin
// page shows the same facts as a table).

export type CommentKind = 'COMMENT' | 'TRACKBACK' | 'PINGBACK' | 'WEBMENTION'

export interface Counts {
  created: number
  existing: number
}

export interface ImportReport {
  site: string
  wxrVersion: string
  items: number
  authors: Counts
  tags: Counts
  posts: Counts
  pages: Counts
  comments: Counts & { byKind: Record<CommentKind, number> }
  redirects: Counts
  attachments: { stored: number; linked: number; existing: number }
  skipped: { what: string; why: string; count: number; examples: string[] }[]
  /** Set when a batch failed: what was imported before it stays (whole items only); run again to continue. */
  stoppedAt?: string
  durationMs: number
  /** Cache tags whose public pages changed (the admin route expires them). */
  touched: string[]
}

export function emptyReport(): ImportReport {
  const counts = () => ({ created: 0, existing: 0 })
  return {
    site: '',
    wxrVersion: '',
    items: 0,
    authors: counts(),
    tags: counts(),
    posts: counts(),
    pages: counts(),
    comments: { ...counts(), byKind: { COMMENT: 0, TRACKBACK: 0, PINGBACK: 0, WEBMENTION: 0 } },
    redirects: counts(),
    attachments: { stored: 0, linked: 0, existing: 0 },
    skipped: [],
    durationMs: 0,
    touched: [],
  }
}

const n = (value: number) => value.toLocaleString('en-US')

export function reportLines(report: ImportReport): string[] {
  const c = report.comments
  const lines = [
    `Imported from ${report.site} (WXR ${report.wxrVersion}, ${n(report.items)} items) in ${(report.durationMs / 1000).toFixed(1)} s`,
    `  posts        ${n(report.posts.created)} new, ${n(report.posts.existing)} already here`,
    `  pages        ${n(report.pages.created)} new, ${n(report.pages.existing)} already here`,
    `  comments     ${n(c.created)} new (${n(c.byKind.COMMENT)} comments, ${n(c.byKind.TRACKBACK)} trackbacks, ${n(c.byKind.PINGBACK)} pingbacks, ${n(c.byKind.WEBMENTION)} webmentions), ${n(c.existing)} already here`,
    `  authors      ${n(report.authors.created)} new, ${n(report.authors.existing)} already here`,
    `  tags         ${n(report.tags.created)} new, ${n(report.tags.existing)} already here`,
    `  old URLs     ${n(report.redirects.created)} redirects new, ${n(report.redirects.existing)} already here`,
    `  attachments  ${n(report.attachments.stored)} stored in the media library, ${n(report.attachments.linked)} kept at their original URL, ${n(report.attachments.existing)} already here`,
  ]
  if (report.skipped.length) {
    lines.push('Skipped:')
    for (const s of report.skipped)
      lines.push(
        `  ${n(s.count)} × ${s.what}: ${s.why}${s.examples.length ? ` — e.g. ${s.examples.slice(0, 3).join('; ')}` : ''}`,
      )
  }
  if (report.stoppedAt)
    lines.push(
      `Stopped at ${report.stoppedAt}. Everything before it is imported; fix the file and run the import again to continue.`,
    )
  return lines
}
