// Pagination maths shared by every paged list (home, tags, archives, authors, search).

export interface Pagination {
  page: number
  pageSize: number
  total: number
  totalPages: number
  offset: number
  prevPage: number | null
  nextPage: number | null
}

export function paginate({ page, pageSize, total }: { page: number; pageSize: number; total: number }): Pagination {
  const size = Math.max(1, Math.floor(pageSize))
  const totalPages = Math.max(1, Math.ceil(Math.max(0, total) / size))
  return {
    page,
    pageSize: size,
    total,
    totalPages,
    offset: (page - 1) * size,
    prevPage: page > 1 ? Math.min(page - 1, totalPages) : null,
    nextPage: page < totalPages ? page + 1 : null,
  }
}

/** A page number from a URL segment or query: a positive integer without leading zeros, else null (404). */
export function parsePageParam(raw: string | string[] | undefined | null): number | null {
  if (raw === undefined || raw === null) return 1
  const value = Array.isArray(raw) ? raw[0] : raw
  if (value === undefined || !/^[1-9]\d{0,6}$/.test(value)) return null
  return Number(value)
}

/** `/tags/x` for page 1, `/tags/x/page/3` after it. */
export function pagePath(base: string, page: number): string {
  const root = base === '/' ? '' : base.replace(/\/+$/, '')
  return page <= 1 ? root || '/' : `${root}/page/${page}`
}

/** The page of an optional catch-all `[[...rest]]`: none → 1, ['page', n] → n, anything else → null. */
export function parsePagedRest(rest: string[] | undefined): number | null {
  if (!rest || rest.length === 0) return 1
  if (rest.length === 2 && rest[0] === 'page') return parsePageParam(rest[1])
  return null
}

/** Date archive segments after the year: [] | [month] | ['page', n] | [month, 'page', n]. */
export function parseArchiveRest(rest: string[] | undefined): { month?: number; page: number } | null {
  const parts = rest ?? []
  const monthPart = parts[0] !== undefined && parts[0] !== 'page' ? parts[0] : undefined
  if (monthPart !== undefined && !/^(0[1-9]|1[0-2])$/.test(monthPart)) return null
  const page = parsePagedRest(monthPart === undefined ? parts : parts.slice(1))
  if (page === null) return null
  return { month: monthPart === undefined ? undefined : Number(monthPart), page }
}
