import { describe, expect, it } from 'vitest'
import { readSignedValue, sameSecret, signValue } from './signing'

describe('signing', () => {
  it('signs cookie values', () => {
    expect(readSignedValue(signValue('a,b'))).toBe('a,b')
    expect(readSignedValue(signValue('a,b').replace('a,b', 'a,c'))).toBeNull()
    expect(readSignedValue(undefined)).toBeNull()
  })
  it('compares secrets', () => {
    expect(sameSecret('abc', 'abc')).toBe(true)
    expect(sameSecret('abc', 'abd')).toBe(false)
  })
})
