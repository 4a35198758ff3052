import { describe, expect, it } from 'vitest'
import { isValidSlug, slugify, uniqueSlug } from './slug'

describe('slugify', () => {
  it('makes readable ASCII slugs from titles', () => {
    expect(slugify('“I know when to give away a few daisies to sell a dozen roses.”')).toBe(
      'i-know-when-to-give-away-a-few-daisies-to-sell-a-dozen-roses',
    )
    expect(slugify('It is now all customers, all the time, I think')).toBe(
      'it-is-now-all-customers-all-the-time-i-think',
    )
    expect(slugify('Café & Crème — don’t panic!')).toBe('cafe-and-creme-dont-panic')
  })
  it('cuts long titles at a word boundary', () => {
    const slug = slugify('word '.repeat(40))
    expect(slug.length).toBeLessThanOrEqual(80)
    expect(slug.endsWith('-')).toBe(false)
    expect(isValidSlug(slug)).toBe(true)
  })
  it('returns an empty slug for a title without letters or digits', () => {
    expect(slugify('—!?')).toBe('')
  })
})

describe('isValidSlug', () => {
  it('accepts lowercase words joined by single dashes only', () => {
    expect(isValidSlug('hello-world-2')).toBe(true)
    for (const bad of ['', 'Hello', 'a--b', '-a', 'a-', 'a b', 'a/b', 'é']) expect(isValidSlug(bad)).toBe(false)
  })
})

describe('uniqueSlug', () => {
  it('adds the first free number', async () => {
    const taken = new Set(['hello', 'hello-2'])
    expect(await uniqueSlug('Hello', async (s) => taken.has(s))).toBe('hello-3')
    expect(await uniqueSlug('Fresh', async (s) => taken.has(s))).toBe('fresh')
    expect(await uniqueSlug('!!!', async () => false)).toBe('untitled')
  })
})
