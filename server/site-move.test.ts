import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { movedLocation, SiteMove } from './site-move.ts'

describe('movedLocation', () => {
  const to = 'https://new.example'
  it('sends reader pages and feeds to the same path at the new address', () => {
    expect(movedLocation('GET', '/', 'old.example', to)).toBe('https://new.example/')
    expect(movedLocation('GET', '/posts/hello?x=1', 'old.example', to)).toBe('https://new.example/posts/hello?x=1')
    expect(movedLocation('HEAD', '/feed.xml', 'old.example', to)).toBe('https://new.example/feed.xml')
    expect(movedLocation('GET', '/tags/a', 'old.example', 'https://new.example/blog')).toBe(
      'https://new.example/blog/tags/a',
    )
  })
  it('keeps what must answer here: the admin, the account, protocols, media, links from emails', () => {
    for (const url of [
      '/admin',
      '/admin/posts?page=2',
      '/login',
      '/api/auth/session',
      '/_next/static/a.js',
      '/media/2024/a.png',
      '/fediverse/blog',
      '/fediverse/inbox',
      '/ap/posts/x',
      '/.well-known/webfinger?resource=acct:blog@old.example',
      '/nodeinfo/2.1',
      '/xmlrpc',
      '/webmention',
      '/trackback/x',
      '/moderate?token=t',
      '/subscriptions/end?token=t',
    ])
      expect(movedLocation('GET', url, 'old.example', to), url).toBeNull()
  })
  it('moves only reads, and never a request already at the new address', () => {
    expect(movedLocation('POST', '/posts/hello', 'old.example', to)).toBeNull()
    expect(movedLocation('GET', '/posts/hello', 'new.example', to)).toBeNull()
    expect(movedLocation('GET', '/posts/hello', 'NEW.example', to)).toBeNull()
    // The same host under another path is still the old blog.
    expect(movedLocation('GET', '/posts/a', 'new.example', 'https://new.example/blog')).toBe(
      'https://new.example/blog/posts/a',
    )
    expect(movedLocation('GET', '/blog/posts/a', 'new.example', 'https://new.example/blog')).toBeNull()
    // Absolute-form and protocol-relative request targets are never echoed into a Location.
    expect(movedLocation('GET', 'http://evil.example/', 'old.example', to)).toBeNull()
    expect(movedLocation('GET', '//evil.example/', 'old.example', to)).toBeNull()
  })
})

describe('SiteMove', () => {
  let server: http.Server | undefined
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())))

  async function serve(move: SiteMove): Promise<string> {
    server = http.createServer(async (req, res) => {
      if (await move.redirect(req, res)) return
      res.end('page')
    })
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('reads the address once, redirects with 301, and reads it again after forget()', async () => {
    let target: string | null = 'https://new.example'
    let reads = 0
    const move = new SiteMove(async () => {
      reads += 1
      return target
    })
    const base = await serve(move)
    const answers = await Promise.all([1, 2, 3].map(() => fetch(`${base}/posts/a`, { redirect: 'manual' })))
    expect(answers.map((a) => a.status)).toEqual([301, 301, 301])
    expect(answers[0]!.headers.get('location')).toBe('https://new.example/posts/a')
    expect(answers[0]!.headers.get('cache-control')).toBe('public, max-age=3600')
    expect(reads).toBe(1)
    expect((await fetch(`${base}/admin`, { redirect: 'manual' })).status).toBe(200)
    const post = await fetch(`${base}/posts/a`, { method: 'POST', redirect: 'manual' })
    expect(post.status).toBe(200)

    target = null
    move.forget()
    expect((await fetch(`${base}/posts/a`, { redirect: 'manual' })).status).toBe(200)
    expect((await fetch(`${base}/posts/b`, { redirect: 'manual' })).status).toBe(200)
    expect(reads).toBe(2)
  })

  it('serves pages here while the address cannot be read, and tries again later', async () => {
    let reads = 0
    const move = new SiteMove(async () => {
      reads += 1
      throw new Error('down')
    })
    const base = await serve(move)
    expect((await fetch(`${base}/`, { redirect: 'manual' })).status).toBe(200)
    expect((await fetch(`${base}/`, { redirect: 'manual' })).status).toBe(200)
    expect(reads).toBe(1)
  })
})

describe('SiteMove reading through the server itself', () => {
  it('does not wait on its own read: the address is read with a request that stays', async () => {
    let base = ''
    const move = new SiteMove(async () => {
      const answer = await fetch(`${base}/api/site-move`)
      return ((await answer.json()) as { movedTo: string }).movedTo
    })
    const server = http.createServer(async (req, res) => {
      if (await move.redirect(req, res)) return
      if (req.url === '/api/site-move') res.end(JSON.stringify({ movedTo: 'https://new.example' }))
      else res.end('page')
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const answer = await fetch(`${base}/`, { redirect: 'manual', signal: AbortSignal.timeout(3000) })
      expect(answer.headers.get('location')).toBe('https://new.example/')
    } finally {
      await new Promise((done) => server.close(done))
    }
  })
})
