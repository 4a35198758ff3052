import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { env } from '../env'
import { openSeal, sameSecret, seal, sealWith, unseal } from './index'

describe('seal', () => {
  const t0 = 1_700_000_000_000
  it('carries a value for its purpose until its end', () => {
    const token = seal('held-comments', 'a,b', t0 + 1000)
    expect(unseal('held-comments', token, t0)).toBe('a,b')
    expect(unseal('held-comments', token, t0 + 999)).toBe('a,b')
    expect(unseal('held-comments', token, t0 + 1000)).toBeNull()
    expect(openSeal('held-comments', token)).toEqual({ value: 'a,b', expires: t0 + 1000 })
  })
  it('is worth nothing for another purpose, altered, or stretched', () => {
    const token = seal('confirm', 'sub1', t0 + 1000)
    expect(unseal('unsubscribe', token, t0)).toBeNull()
    const [value, end, signature] = token.split('.')
    expect(unseal('confirm', `${Buffer.from('sub2').toString('base64url')}.${end}.${signature}`, t0)).toBeNull()
    expect(unseal('confirm', `${value}.${(t0 + 99_000).toString(36)}.${signature}`, t0 + 2000)).toBeNull()
    expect(unseal('confirm', `${value}.${signature}`, t0)).toBeNull()
    expect(unseal('confirm', `${token}.x`, t0)).toBeNull()
    expect(unseal('confirm', 'x'.repeat(5000), t0)).toBeNull()
    expect(unseal('confirm', undefined, t0)).toBeNull()
    expect(unseal('confirm', '', t0)).toBeNull()
  })
  it('binds a token to what its purpose names, without carrying it', () => {
    const token = seal('post-password:p1:hunter2', 'p1', t0 + 1000)
    expect(token).not.toContain('hunter2')
    expect(unseal('post-password:p1:hunter2', token, t0)).toBe('p1')
    expect(unseal('post-password:p1:changed', token, t0)).toBeNull()
  })
  it('keeps the format of the subscription links already mailed (no end: `base64url(value).HMAC(purpose:value)`)', () => {
    const secret = env.NEXTAUTH_SECRET || 'daisy-development-secret'
    const mailed = `${Buffer.from('sub1').toString('base64url')}.${createHmac('sha256', secret).update('unsubscribe:sub1').digest('base64url')}`
    expect(seal('unsubscribe', 'sub1')).toBe(mailed)
    expect(unseal('unsubscribe', mailed)).toBe('sub1')
  })
  it('keeps values that never end apart from values that do', () => {
    // Purposes of never-ending seals are plain words: no other purpose can be made to sign the same text.
    expect(() => seal('a:b', 'c')).toThrow()
    const forever = seal('confirm', 'x')
    expect(unseal('confirm', forever)).toBe('x')
    expect(openSeal('confirm', forever)).toEqual({ value: 'x', expires: undefined })
  })
  it('is made with the given secret by sealWith, for tests that talk to a server', () => {
    expect(sealWith('another secret of 16+', 'held-comments', 'a', t0 + 1000)).not.toBe(
      seal('held-comments', 'a', t0 + 1000),
    )
    const secret = env.NEXTAUTH_SECRET || 'daisy-development-secret'
    expect(unseal('held-comments', sealWith(secret, 'held-comments', 'a', t0 + 1000), t0)).toBe('a')
  })
  it('refuses a value that was not base64url from seal (stray padding bits, bad UTF-8)', () => {
    const token = seal('held-comments', 'ab', t0 + 1000)
    const [value, end, signature] = token.split('.')
    const stray = value!.slice(0, -1) + String.fromCharCode(value!.charCodeAt(value!.length - 1) + 1)
    expect(unseal('held-comments', `${stray}.${end}.${signature}`, t0)).toBeNull()
  })
})

describe('sameSecret', () => {
  it('compares secrets', () => {
    expect(sameSecret('abc', 'abc')).toBe(true)
    expect(sameSecret('abc', 'abd')).toBe(false)
  })
})
