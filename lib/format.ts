// Formatting shared by pages: dates in the site's time zone, reading time.

export function formatDate(date: Date, { timezone, locale }: { timezone: string; locale: string }): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: timezone }).format(date)
}

export function formatDateTime(date: Date, { timezone, locale }: { timezone: string; locale: string }): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: timezone }).format(date)
}

/** Minutes to read at 230 words a minute, at least one. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / 230))
}
