import { describe, expect, it } from 'vitest'
import { MARK_END, MARK_START, searchTerms, splitHighlights, toFtsQuery } from './query'

describe('toFtsQuery', () => {
  it('quotes every word and lets the last one be a prefix', () => {
    expect(toFtsQuery('customer serv')).toBe('"customer" AND ("serv" OR "serv"*)')
  })
  it('turns FTS operators and syntax into plain words', () => {
    expect(toFtsQuery('title:foo OR bar NOT "baz" NEAR(x y) ^start -minus *')).toBe(
      '"title" AND "foo" AND "OR" AND "bar" AND "NOT" AND "baz" AND "NEAR" AND "x" AND "y" AND "start" AND ("minus" OR "minus"*)',
    )
  })
  it('returns null when nothing searchable is left', () => {
    for (const input of ['', '   ', '"', '*', '()', '--', "'; DROP TABLE Post; --".replace(/\w/g, '')])
      expect(toFtsQuery(input)).toBeNull()
  })
  it('keeps letters from any script and drops the rest', () => {
    expect(searchTerms('Café — 東京 <script>')).toEqual(['Café', '東京', 'script'])
  })
  it('bounds the number and length of terms', () => {
    expect(searchTerms('a '.repeat(100))).toHaveLength(12)
    expect(searchTerms('x'.repeat(500))[0]).toHaveLength(64)
  })
})

describe('splitHighlights', () => {
  it('splits a snippet into plain and matched parts', () => {
    expect(splitHighlights(`…to my ${MARK_START}customers${MARK_END} <b> now`)).toEqual([
      { text: '…to my ', match: false },
      { text: 'customers', match: true },
      { text: ' <b> now', match: false },
    ])
  })
  it('drops stray markers', () => {
    expect(splitHighlights(`a${MARK_END}b`)).toEqual([{ text: 'ab', match: false }])
  })
})
