// The import report as lines of text (the CLI prints them; the admin page shows the same facts as a table).
import type { ImportReport } from './wxr-import'

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
    for (const s of report.skipped) lines.push(`  ${n(s.count)} × ${s.what}: ${s.why}${s.examples.length ? ` — e.g. ${s.examples.slice(0, 3).join('; ')}` : ''}`)
  }
  if (report.stoppedAt) lines.push(`Stopped at ${report.stoppedAt}. Everything before it is imported; fix the file and run the import again to continue.`)
  return lines
}
