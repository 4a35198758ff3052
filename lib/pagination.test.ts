import { describe, expect, it } from 'vitest'
import { pagePath, paginate, parseArchiveRest, parsePagedRest, parsePageParam } from './pagination'

describe('paginate', () => {
  it('computes offset, pages and neighbours', () => {
    expect(paginate({ page: 1, pageSize: 10, total: 25 })).toMatchObject({
      offset: 0,
      totalPages: 3,
      prevPage: null,
      nextPage: 2,
    })
    expect(paginate({ page: 3, pageSize: 10, total: 25 })).toMatchObject({ offset: 20, prevPage: 2, nextPage: null })
  })
  it('has one page for an empty list, and an exact multiple has no extra page', () => {
    expect(paginate({ page: 1, pageSize: 10, total: 0 })).toMatchObject({ totalPages: 1, nextPage: null })
    expect(paginate({ page: 2, pageSize: 10, total: 20 })).toMatchObject({ totalPages: 2, nextPage: null })
  })
  it('points a page past the end back to the last page', () => {
    expect(paginate({ page: 9, pageSize: 10, total: 25 })).toMatchObject({ prevPage: 3, nextPage: null })
  })
})

describe('parsePageParam', () => {
  it('accepts positive integers and defaults to 1', () => {
    expect(parsePageParam(undefined)).toBe(1)
    expect(parsePageParam('2')).toBe(2)
    expect(parsePageParam(['7', '8'])).toBe(7)
  })
  it('rejects everything else', () => {
    for (const bad of ['0', '-1', '01', '1.5', 'abc', '', '1e3', '99999999']) expect(parsePageParam(bad)).toBeNull()
  })
})

describe('pagePath', () => {
  it('keeps page 1 on the base URL', () => {
    expect(pagePath('/', 1)).toBe('/')
    expect(pagePath('/', 2)).toBe('/page/2')
    expect(pagePath('/tags/news/', 3)).toBe('/tags/news/page/3')
    expect(pagePath('/tags/news', 1)).toBe('/tags/news')
  })
})

describe('parsePagedRest and parseArchiveRest', () => {
  it('reads /page/n after a base path', () => {
    expect(parsePagedRest(undefined)).toBe(1)
    expect(parsePagedRest(['page', '4'])).toBe(4)
    expect(parsePagedRest(['page'])).toBeNull()
    expect(parsePagedRest(['other', '4'])).toBeNull()
    expect(parsePagedRest(['page', '0'])).toBeNull()
  })
  it('reads months and pages of a year archive', () => {
    expect(parseArchiveRest(undefined)).toEqual({ page: 1 })
    expect(parseArchiveRest(['12'])).toEqual({ month: 12, page: 1 })
    expect(parseArchiveRest(['03', 'page', '2'])).toEqual({ month: 3, page: 2 })
    expect(parseArchiveRest(['page', '2'])).toEqual({ page: 2 })
    for (const bad of [['13'], ['3'], ['12', 'x'], ['12', 'page', '0'], ['12', '01']])
      expect(parseArchiveRest(bad)).toBeNull()
  })
})
