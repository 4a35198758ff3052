import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { SearchForm } from '@/components/search-form'
import { SearchResults } from '@/components/search-results'
import { parsePageParam } from '@/lib/pagination'
import { searchPosts } from '@/lib/search/queries'
import { getSettings } from '@/lib/settings/queries'

// Results pages may be indexed (a reader's search for a topic is a fair landing page), as WordPress allowed
// before 5.7; they are reached only from searches, so crawlers find few of them.
export const metadata: Metadata = { title: 'Search' }

export function generateStaticParams() {
  return [{ query: [] as string[] }]
}

/**
 * Readers search at /search?q=…&page=N; proxy.ts rewrites that to /search/<terms>/<page> so the results are
 * part of the first HTML response (no streaming), which keeps search working without JavaScript.
 */
export default async function SearchPage(props: PageProps<'/search/[[...query]]'>) {
  const { query = [] } = await props.params
  const [path = '', pageParam, ...extra] = query
  const q = safeDecode(path).replace(/\+/g, ' ')
  const page = parsePageParam(pageParam)
  if (!page || extra.length > 0) notFound()
  const settings = await getSettings()
  const { hits, pagination } = await searchPosts({ q, page })
  return (
    <section aria-labelledby="search-heading" className="search-page">
      <h1 id="search-heading">Search</h1>
      <SearchForm query={q} />
      <SearchResults
        query={q}
        hits={hits}
        pagination={pagination}
        timezone={settings.timezone}
        locale={settings.locale}
      />
    </section>
  )
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
