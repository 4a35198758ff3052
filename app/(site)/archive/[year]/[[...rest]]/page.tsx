import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { PostListPage } from '@/components/post-list-page'
import { pagePath, parseArchiveRest } from '@/lib/pagination'
import { listArchiveMonths } from '@/lib/posts/archive'
import { listPublishedPosts } from '@/lib/posts/queries'
import { getSettings } from '@/lib/settings/queries'
import { pageAlternates } from '@/lib/feeds/queries'
import { zonedRange } from '@/lib/time-zone'
import { atLeastOne } from '@/lib/static-params'

export async function generateStaticParams() {
  const { timezone } = await getSettings()
  const years = [...new Set((await listArchiveMonths({ timezone })).map((m) => String(m.year)))]
  return atLeastOne(
    years.map((year) => ({ year, rest: [] as string[] })),
    { year: '2000', rest: [] },
  )
}

function parse(year: string, rest: string[] | undefined) {
  const parsed = parseArchiveRest(rest)
  if (!/^\d{4}$/.test(year) || !parsed) return null
  return { year: Number(year), ...parsed }
}

function label(year: number, month: number | undefined, locale: string) {
  if (!month) return String(year)
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  )
}

function basePath(year: number, month: number | undefined) {
  return month ? `/archive/${year}/${String(month).padStart(2, '0')}` : `/archive/${year}`
}

export async function generateMetadata(props: PageProps<'/archive/[year]/[[...rest]]'>): Promise<Metadata> {
  const { year, rest } = await props.params
  const parsed = parse(year, rest)
  if (!parsed) return {}
  const { locale } = await getSettings()
  return {
    title: `Archive: ${label(parsed.year, parsed.month, locale)}${parsed.page > 1 ? ` — page ${parsed.page}` : ''}`,
    alternates: await pageAlternates(pagePath(basePath(parsed.year, parsed.month), parsed.page)),
  }
}

export default async function DateArchivePage(props: PageProps<'/archive/[year]/[[...rest]]'>) {
  const { year, rest } = await props.params
  const parsed = parse(year, rest)
  if (!parsed) notFound()
  const settings = await getSettings()
  const range = zonedRange(parsed.year, parsed.month, settings.timezone)
  const { posts, pagination } = await listPublishedPosts({
    page: parsed.page,
    pageSize: settings.postsPerPage,
    filter: { from: range.start.toISOString(), to: range.end.toISOString() },
  })
  if (pagination.total === 0 || parsed.page > pagination.totalPages) notFound()
  return (
    <PostListPage
      heading={`Archive: ${label(parsed.year, parsed.month, settings.locale)}`}
      posts={posts}
      pagination={pagination}
      basePath={basePath(parsed.year, parsed.month)}
      timezone={settings.timezone}
      locale={settings.locale}
    />
  )
}
