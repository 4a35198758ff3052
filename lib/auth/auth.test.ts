import bcrypt from 'bcryptjs'
import { describe, expect, it } from 'vitest'
import { safeCallbackPath } from './callback-url'
import { deviceToken, isKnownDevice } from './device'
import { hashPassword, needsRehash, verifyPassword } from './password'
import { backoffSeconds, throttleKeys } from './throttle'

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const hash = await hashPassword('correct horse battery')
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=2\$/)
    expect(await verifyPassword('correct horse battery', hash)).toBe(true)
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false)
    expect(needsRehash(hash)).toBe(false)
  })
  it('still accepts bcrypt hashes from earlier versions, and asks for a re-hash', async () => {
    const old = await bcrypt.hash('legacy password', 4)
    expect(await verifyPassword('legacy password', old)).toBe(true)
    expect(await verifyPassword('wrong', old)).toBe(false)
    expect(needsRehash(old)).toBe(true)
  })
  it('answers false for accounts without a password', async () => {
    expect(await verifyPassword('anything', null)).toBe(false)
  })
  it('hashes off the event loop: timers keep firing while twenty hashes run', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    const started = Date.now()
    await Promise.all(Array.from({ length: 20 }, (_, i) => hashPassword(`password ${i}`)))
    clearInterval(timer)
    const elapsed = Date.now() - started
    // A blocked loop would tick about once in all that time; a free one about every 5 ms.
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4)
  })
})

describe('sign-in throttle', () => {
  it('backs off per key after its free failures', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, 5))).toEqual([0, 0, 0, 0])
    expect([5, 6, 7].map((n) => backoffSeconds(n, 5))).toEqual([30, 60, 120])
    expect(backoffSeconds(10, 5)).toBe(900)
    expect(backoffSeconds(19, 20)).toBe(0)
  })
  it('a known device is exempt from the account-wide key only', () => {
    const stranger = throttleKeys('Owner@Example.com', '203.0.113.1')
    const owner = throttleKeys('owner@example.com', '198.51.100.2', { knownDevice: true })
    expect(stranger.check.map((k) => k.key)).toEqual([
      'account-ip:owner@example.com|203.0.113.1',
      'ip:203.0.113.1',
      'account:owner@example.com',
    ])
    expect(owner.check.map((k) => k.key)).toEqual(['account-ip:owner@example.com|198.51.100.2', 'ip:198.51.100.2'])
    expect(owner.record.map((k) => k.key)).toContain('account:owner@example.com')
  })
  it('device cookies are bound to the account', () => {
    const token = deviceToken('owner@example.com')
    expect(isKnownDevice(token, 'OWNER@example.com')).toBe(true)
    expect(isKnownDevice(token, 'someone@example.com')).toBe(false)
    expect(isKnownDevice(`${token.split('.')[0]}.forged`, 'owner@example.com')).toBe(false)
    expect(isKnownDevice(undefined, 'owner@example.com')).toBe(false)
  })
})

describe('safeCallbackPath', () => {
  it('keeps paths on this site', () => {
    expect(safeCallbackPath('/admin/posts?status=draft#top')).toBe('/admin/posts?status=draft#top')
    expect(safeCallbackPath(null)).toBe('/admin')
  })
  it.each([
    '/\t/evil.example/page',
    '/\n/evil.example',
    '/\r/evil.example',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/%09/x\u0000',
  ])('refuses %j', (raw) => {
    expect(safeCallbackPath(raw)).toBe('/admin')
  })
})
