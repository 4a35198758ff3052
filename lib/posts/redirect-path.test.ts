import { describe, expect, it } from 'vitest'
import { oldPath, redirectPath } from './redirect-path'

describe('oldPath (the moved routes’ segments)', () => {
  it('decodes an old permalink for the lookup', () => {
    expect(oldPath(['2012', '01', '03', 'caf%C3%A9'])).toBe('/2012/01/03/café')
  })
  it('reads a shortlink', () => {
    expect(oldPath(['_q', 'p%3D149'])).toBe('/?p=149')
  })
  it('survives malformed percent-encoding', () => {
    expect(oldPath(['posts', '%E0%A4%A'])).toBe('/posts/%E0%A4%A')
  })
})

describe('redirectPath', () => {
  it('stores addresses decoded and without a trailing slash', () => {
    expect(redirectPath('/2012/01/03/caf%C3%A9/')).toBe('/2012/01/03/café')
    expect(redirectPath('/?p=149')).toBe('/?p=149')
  })
})
