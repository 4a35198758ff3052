import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import {
  bodyRefusal,
  crossSiteRefusal,
  CLIENT_IP_HEADER,
  needsSessionCheck,
  parseTrustProxy,
  selfUrl,
  settleClient,
  sharedCacheControl,
} from './front-door.ts'

const request = (peer: string, headers: Record<string, string>) =>
  ({
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: { ...headers },
  }) as unknown as IncomingMessage

describe('settleClient', () => {
  it('uses the socket address and drops forwarding headers when no proxy is trusted', () => {
    const req = request('203.0.113.9', {
      'x-forwarded-for': '1.2.3.4',
      'x-real-ip': '5.6.7.8',
      'x-forwarded-host': 'evil.example',
      [CLIENT_IP_HEADER]: '9.9.9.9',
    })
    expect(settleClient(req, parseTrustProxy(undefined))).toBe('203.0.113.9')
    expect(req.headers[CLIENT_IP_HEADER]).toBe('203.0.113.9')
    expect(req.headers['x-forwarded-for']).toBeUndefined()
    expect(req.headers['x-real-ip']).toBeUndefined()
    expect(req.headers['x-forwarded-host']).toBeUndefined()
  })
  it('reads IPv4-mapped IPv6 peers as IPv4', () => {
    expect(settleClient(request('::ffff:198.51.100.7', {}), parseTrustProxy('false'))).toBe('198.51.100.7')
  })
  it('believes X-Forwarded-For only from a trusted proxy, walking from the right', () => {
    const trust = parseTrustProxy('loopback')
    expect(settleClient(request('127.0.0.1', { 'x-forwarded-for': 'spoofed, 198.51.100.20' }), trust)).toBe(
      '198.51.100.20',
    )
    // A client claiming to be someone else through a trusted proxy only moves one hop: to itself.
    expect(
      settleClient(
        request('127.0.0.1', { 'x-forwarded-for': '10.0.0.1, 198.51.100.20' }),
        parseTrustProxy('loopback, 10.0.0.0/8'),
      ),
    ).toBe('198.51.100.20')
    // Not from the proxy: the header is ignored.
    expect(settleClient(request('203.0.113.5', { 'x-forwarded-for': '198.51.100.20' }), trust)).toBe('203.0.113.5')
  })
  it('settles a peer and X-Forwarded-For seen before the same way, headers dropped each time', () => {
    const trust = parseTrustProxy('loopback')
    for (let round = 0; round < 2; round++) {
      const spoofed = request('203.0.113.5', { 'x-forwarded-for': '198.51.100.20', 'x-forwarded-host': 'evil.example' })
      expect(settleClient(spoofed, trust)).toBe('203.0.113.5')
      expect(spoofed.headers['x-forwarded-host']).toBeUndefined()
      const proxied = request('127.0.0.1', { 'x-forwarded-for': '198.51.100.20', 'x-forwarded-host': 'blog.example' })
      expect(settleClient(proxied, trust)).toBe('198.51.100.20')
      expect(proxied.headers['x-forwarded-host']).toBe('blog.example')
      expect(proxied.headers[CLIENT_IP_HEADER]).toBe('198.51.100.20')
    }
  })
  it('takes a hop count', () => {
    const req = () => request('10.0.0.2', { 'x-forwarded-for': '198.51.100.1, 192.0.2.4, 10.0.0.1' })
    expect(settleClient(req(), parseTrustProxy('1'))).toBe('10.0.0.1')
    expect(settleClient(req(), parseTrustProxy('2'))).toBe('192.0.2.4')
  })
  it('refuses a TRUST_PROXY it cannot read', () => {
    expect(() => parseTrustProxy('not-an-address')).toThrow(/TRUST_PROXY/)
  })
})

describe('bodyRefusal', () => {
  const limits = { publicMax: 1000, adminMax: 5000 }
  it('lets bodiless and self-capped requests through', () => {
    expect(bodyRefusal('GET', '/', {}, limits)).toBeNull()
    expect(bodyRefusal('POST', '/xmlrpc', { 'transfer-encoding': 'chunked' }, limits)).toBeNull()
    expect(bodyRefusal('POST', '/trackback/abc', { 'content-length': '99999999' }, limits)).toBeNull()
  })
  it('caps public forms and admin forms before reading a byte', () => {
    expect(bodyRefusal('POST', '/posts/hello', { 'content-length': '900' }, limits)).toBeNull()
    expect(bodyRefusal('POST', '/posts/hello?x=1', { 'content-length': '1001' }, limits)?.status).toBe(413)
    expect(bodyRefusal('POST', '/api/auth/callback/credentials', { 'content-length': '1001' }, limits)?.status).toBe(
      413,
    )
    const signedIn = { ...limits, signedIn: true }
    expect(bodyRefusal('POST', '/admin/media', { 'content-length': '4000' }, signedIn)).toBeNull()
    expect(bodyRefusal('POST', '/admin/media', { 'content-length': '5001' }, signedIn)?.status).toBe(413)
    // Without a session, /admin gets the public cap: proxy.ts would read the whole body before refusing.
    expect(bodyRefusal('POST', '/admin/media', { 'content-length': '4000' }, limits)?.status).toBe(413)
    expect(needsSessionCheck('POST', '/admin/media', { 'content-length': '4000' }, limits)).toBe(true)
    expect(needsSessionCheck('POST', '/admin/media', { 'content-length': '900' }, limits)).toBe(false)
    expect(needsSessionCheck('POST', '/posts/x', { 'content-length': '4000' }, limits)).toBe(false)
    // Routed as the public page it resolves to, not as the admin path it starts with.
    expect(bodyRefusal('POST', '/admin/../posts/hello', { 'content-length': '4000' }, limits)?.status).toBe(413)
    expect(bodyRefusal('POST', '/xmlrpc/../posts/hello', { 'transfer-encoding': 'chunked' }, limits)?.status).toBe(411)
  })
  it('wants a length where the whole body would be read into memory', () => {
    expect(bodyRefusal('POST', '/posts/hello', { 'transfer-encoding': 'chunked' }, limits)?.status).toBe(411)
    expect(bodyRefusal('POST', '/posts/hello', { 'content-length': 'lots' }, limits)?.status).toBe(400)
  })
})

describe('crossSiteRefusal', () => {
  const action = (headers: Record<string, string>, url = '/moderate?t=x') =>
    crossSiteRefusal('POST', url, { host: 'blog.example', ...headers })
  it('refuses a server action posted from another site, or from Origin: null, with 403', () => {
    expect(action({ 'next-action': 'abc', origin: 'http://evil.example' })?.status).toBe(403)
    expect(action({ 'next-action': 'abc', origin: 'null' })?.status).toBe(403)
    expect(action({ 'content-type': 'multipart/form-data; boundary=x', origin: 'http://evil.example' })?.status).toBe(
      403,
    )
    expect(
      action(
        { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://blog.example.evil' },
        '/login/forgot',
      )?.status,
    ).toBe(403)
    // A forwarded host that does not match (settleClient leaves it only from a trusted proxy).
    expect(
      action({ 'next-action': 'abc', origin: 'http://blog.example', 'x-forwarded-host': 'other.example' })?.status,
    ).toBe(403)
  })
  it('lets same-site actions, requests without Origin, APIs and protocol endpoints through', () => {
    expect(action({ 'next-action': 'abc', origin: 'http://blog.example' })).toBeNull()
    expect(action({ 'next-action': 'abc', origin: 'https://BLOG.example' })).toBeNull()
    expect(action({ 'next-action': 'abc' })).toBeNull()
    expect(
      action({ 'content-type': 'application/x-www-form-urlencoded', origin: 'http://a.example' }, '/trackback/p1'),
    ).toBeNull()
    expect(
      action({ 'content-type': 'application/x-www-form-urlencoded', origin: 'http://a.example' }, '/webmention'),
    ).toBeNull()
    expect(
      action(
        { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://a.example' },
        '/api/subscriptions/unsubscribe',
      ),
    ).toBeNull()
    expect(crossSiteRefusal('GET', '/', { origin: 'http://evil.example' })).toBeNull()
  })
})

describe('sharedCacheControl', () => {
  it("shortens Next's month-long s-maxage for shared caches", () => {
    expect(sharedCacheControl('s-maxage=2592000, stale-while-revalidate=28944000', 10)).toBe(
      'public, max-age=0, s-maxage=10, stale-while-revalidate=10',
    )
    expect(sharedCacheControl('s-maxage=31536000', 0)).toBe('public, max-age=0, no-cache')
  })
  it('leaves private, immutable and other values alone', () => {
    expect(sharedCacheControl('private, no-cache, no-store, max-age=0, must-revalidate', 10)).toBe(
      'private, no-cache, no-store, max-age=0, must-revalidate',
    )
    expect(sharedCacheControl('public, max-age=31536000, immutable', 10)).toBe('public, max-age=31536000, immutable')
  })
})

describe('selfUrl (where the server wakes its own job queues)', () => {
  it('is loopback when listening everywhere, else the address it listens on', () => {
    expect(selfUrl({ address: '::', port: 3000 })).toBe('http://127.0.0.1:3000')
    expect(selfUrl({ address: '0.0.0.0', port: 8080 })).toBe('http://127.0.0.1:8080')
    expect(selfUrl({ address: '10.1.2.3', port: 3000 })).toBe('http://10.1.2.3:3000')
    expect(selfUrl({ address: '127.0.0.2', port: 3001 })).toBe('http://127.0.0.2:3001')
    expect(selfUrl({ address: '::1', port: 3000 })).toBe('http://[::1]:3000')
  })
})
