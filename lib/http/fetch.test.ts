import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { safeFetch } from './fetch'

let server: http.Server
let base = ''
let hits = 0

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++
    if (req.url === '/page') return res.end('<a href="https://blog.example/posts/x">x</a>')
    if (req.url === '/big') return res.end('x'.repeat(3 * 1024 * 1024))
    if (req.url === '/slow') return setTimeout(() => res.end('late'), 2_000)
    if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end()
    if (req.url === '/hop') return res.writeHead(301, { location: '/page' }).end()
    res.writeHead(404).end('no')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('safeFetch', () => {
  it('refuses loopback by default, before any request reaches it', async () => {
    const before = hits
    await expect(safeFetch(`${base}/page`, { allowPrivate: false })).rejects.toMatchObject({ code: 'BLOCKED_ADDRESS' })
    await expect(
      safeFetch(`http://localhost:${new URL(base).port}/page`, { allowPrivate: false }),
    ).rejects.toMatchObject({ code: 'BLOCKED_ADDRESS' })
    await expect(
      safeFetch(`http://2130706433:${new URL(base).port}/page`, { allowPrivate: false }),
    ).rejects.toMatchObject({ code: 'BLOCKED_ADDRESS' })
    await expect(
      safeFetch(`http://[::ffff:127.0.0.1]:${new URL(base).port}/page`, { allowPrivate: false }),
    ).rejects.toMatchObject({ code: 'BLOCKED_ADDRESS' })
    expect(hits).toBe(before)
  })
  it('fetches when private networks are allowed, following redirects', async () => {
    const result = await safeFetch(`${base}/hop`, { allowPrivate: true })
    expect(result).toMatchObject({ status: 200, url: `${base}/page` })
    expect(result.body).toContain('href')
  })
  it('refuses other schemes and credentials', async () => {
    await expect(safeFetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'BAD_URL' })
    await expect(safeFetch('gopher://x.example/')).rejects.toMatchObject({ code: 'BAD_URL' })
    await expect(safeFetch('http://user:pw@x.example/')).rejects.toMatchObject({ code: 'BAD_URL' })
    await expect(safeFetch('not a url')).rejects.toMatchObject({ code: 'BAD_URL' })
  })
  it('caps the body, the redirects and the time', async () => {
    const big = await safeFetch(`${base}/big`, { allowPrivate: true, maxBytes: 1024 })
    expect(big.truncated).toBe(true)
    expect(big.body.length).toBe(1024)
    await expect(safeFetch(`${base}/loop`, { allowPrivate: true })).rejects.toMatchObject({
      code: 'TOO_MANY_REDIRECTS',
    })
    await expect(safeFetch(`${base}/slow`, { allowPrivate: true, totalTimeoutMs: 300 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    })
  })
})
