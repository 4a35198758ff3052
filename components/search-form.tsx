/** A plain GET form: works without JavaScript, and the results URL can be shared. */
export function SearchForm({ query, compact }: { query: string; compact?: boolean }) {
  const id = compact ? 'site-search-q' : 'search-q'
  return (
    <form action="/search" method="get" role="search" className={compact ? 'search-form compact' : 'search-form'}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        Search the blog
      </label>
      <input id={id} type="search" name="q" defaultValue={query} maxLength={200} autoComplete="off" />
      <button type="submit">Search</button>
    </form>
  )
}
