import type { Metadata } from 'next'
import { Suspense } from 'react'
import { SearchForm } from '@/components/search-form'
import { SearchResults } from '@/components/search-results'
import { parsePageParam } from '@/lib/pagination'
import { searchPosts } from '@/lib/search/queries'
import { getSettings } from '@/lib/settings/queries'

export const metadata: Metadata = { title: 'Search', robots: { index: false, follow: true } }

export default function SearchPage(props: PageProps<'/search'>) {
  return (
    <section aria-labelledby="search-heading" className="search-page">
      <h1 id="search-heading">Search</h1>
      {/* The page shell is static; the query and its results stream in. */}
      <Suspense fallback={<SearchForm query="" />}>
        <Results searchParams={props.searchParams} />
      </Suspense>
    </section>
  )
}

async function Results({ searchParams }: { searchParams: PageProps<'/search'>['searchParams'] }) {
  const params = await searchParams
  const q = (Array.isArray(params.q) ? params.q[0] : params.q)?.slice(0, 200) ?? ''
  const page = parsePageParam(params.page) ?? 1
  const settings = await getSettings()
  const { hits, pagination } = await searchPosts({ q, page, pageSize: 10 })
  return (
    <>
      <SearchForm query={q} />
      <SearchResults query={q} hits={hits} pagination={pagination} timezone={settings.timezone} locale={settings.locale} />
    </>
  )
}
