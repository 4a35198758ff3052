import type { Metadata } from 'next'
import Link from 'next/link'
import { listArchiveMonths, listTagsWithCounts } from '@/lib/posts/archive'
import { getSettings } from '@/lib/settings/queries'
import { pageAlternates } from '@/lib/feeds/queries'

export async function generateMetadata(): Promise<Metadata> {
  return { title: 'Archive', alternates: await pageAlternates('/archive') }
}

export default async function ArchivePage() {
  const settings = await getSettings()
  const [months, tagCounts] = await Promise.all([
    listArchiveMonths({ timezone: settings.timezone }),
    listTagsWithCounts(),
  ])
  const years = [...new Set(months.map((m) => m.year))]
  const monthName = (month: number) =>
    new Intl.DateTimeFormat(settings.locale, { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2000, month - 1, 15)),
    )
  return (
    <section aria-labelledby="archive-heading" className="archive">
      <h1 id="archive-heading">Archive</h1>
      {years.length === 0 && <p>Nothing has been published yet.</p>}
      {years.map((year) => (
        <section key={year} aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>
            <Link prefetch={false} href={`/archive/${year}`}>
              {year}
            </Link>
          </h2>
          <ul className="archive-months">
            {months
              .filter((m) => m.year === year)
              .map((m) => (
                <li key={m.month}>
                  <Link prefetch={false} href={`/archive/${year}/${String(m.month).padStart(2, '0')}`}>
                    {monthName(m.month)}
                  </Link>{' '}
                  <span className="muted">({m.count})</span>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {tagCounts.length > 0 && (
        <section aria-labelledby="tags-heading">
          <h2 id="tags-heading">Tags</h2>
          <ul className="tag-list">
            {tagCounts.map((t) => (
              <li key={t.slug}>
                <Link prefetch={false} href={`/tags/${t.slug}`}>
                  #{t.name}
                </Link>{' '}
                <span className="muted">({t.count})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  )
}
