import bcrypt from 'bcryptjs'
import { describe, expect, it } from 'vitest'
import { safeCallbackPath } from './callback-url'
import { deviceToken, isKnownDevice } from './device'
import { HashingBusy, hashPassword, MAX_WAITING, needsRehash, verifyPassword } from './password'
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
  it("refuses strangers' checks at once when the line is full, and serves urgent ones first", async () => {
    const hash = await hashPassword('right')
    const done: string[] = []
    const strangers = Array.from({ length: MAX_WAITING + 4 }, (_, i) =>
      verifyPassword('wrong', hash).then(
        () => done.push(`stranger ${i}`),
        (error: unknown) => done.push(error instanceof HashingBusy ? 'busy' : `error ${String(error)}`),
      ),
    )
    const owner = verifyPassword('right', hash, { urgent: true }).then((ok) => done.push(`owner ${ok}`))
    await Promise.all([...strangers, owner])
    // Refused before any hash ran (one slot at a time here, MAX_WAITING in line): the rest, then the owner
    // ahead of every stranger still waiting.
    const busy = done.filter((d) => d === 'busy').length
    expect(busy).toBeGreaterThanOrEqual(3)
    expect(done.slice(0, busy)).toEqual(Array(busy).fill('busy'))
    expect(done.indexOf('owner true')).toBeLessThanOrEqual(busy + 2)
    expect(done.filter((d) => d.startsWith('stranger'))).toHaveLength(MAX_WAITING + 4 - busy)
  })
})

describe('sign-in throttle', () => {
  it('backs off per key after its free failures', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, 5))).toEqual([0, 0, 0, 0])
    expect([5, 6, 7].map((n) => backoffSeconds(n, 5))).toEqual([30, 60, 120])
    expect(backoffSeconds(10, 5)).toBe(900)
    expect(backoffSeconds(19, 20)).toBe(0)
  })
  it("a known device counts on its own key only, never on strangers' address or account keys", () => {
    const stranger = throttleKeys('Owner@Example.com', '203.0.113.1')
    const owner = throttleKeys('owner@example.com', '198.51.100.2', { knownDevice: true })
    expect(stranger.map((k) => k.key)).toEqual([
      'account-ip:owner@example.com|203.0.113.1',
      'ip:203.0.113.1',
      'account:owner@example.com',
    ])
    expect(owner.map((k) => k.key)).toEqual(['account-ip:owner@example.com|198.51.100.2'])
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
    // The second probe's dot-segment and encoded tricks: each lands on evil.example when taken as it resolves.
    '/.//evil.example',
    '/./%2Fevil.example',
    '/..//evil.example',
    '/a/..//evil.example',
    '/%2e%2e//evil.example',
    '/%2E%2E/%2Fevil.example',
    '/..%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%252F%252Fevil.example',
    '/.%2F/evil.example',
    'http://evil.example/admin',
    'http://localhost:3000.evil.example/admin',
    'http://user@localhost:3000/admin',
  ])('refuses %j', (raw) => {
    expect(safeCallbackPath(raw)).toBe('/admin')
    expect(safeCallbackPath(raw, '/admin', 'http://localhost:3000')).toBe('/admin')
  })
  it('takes an absolute URL on this site, given its origin, and keeps only its path', () => {
    expect(safeCallbackPath('http://localhost:3000/admin/posts?x=1', '/admin', 'http://localhost:3000')).toBe(
      '/admin/posts?x=1',
    )
    expect(safeCallbackPath('http://localhost:3000/admin/posts', '/admin')).toBe('/admin')
    expect(safeCallbackPath('/posts/caf%C3%A9', '/admin')).toBe('/posts/caf%C3%A9')
    expect(safeCallbackPath('/admin/./posts', '/admin')).toBe('/admin/posts')
  })
})
