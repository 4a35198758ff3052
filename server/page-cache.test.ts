// The page cache against real HTTP: a Node server whose handler answers as Next does (its headers, and Next's
// own compression middleware wrapping the response), with the cache in front as server/main.ts puts it.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  NOT_FOUND_PATH,
  PageCache,
  chooseEncoding,
  normalizedUrl,
  pageCacheLayer,
  type CapturedResponse,
  type Entry,
} from './page-cache.ts'

const require = createRequire(import.meta.url)
const compression = require('next/dist/compiled/compression') as () => (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: () => void,
) => void

const PAGE = `<!doctype html><title>A post</title>${'<p>Customer service is a promise kept. '.repeat(400)}`
let renders = 0

/** What Next answers for a few paths (headers as Next sends them), through Next's compression middleware. */
function nextLike(req: http.IncomingMessage, res: http.ServerResponse) {
  compression()(req, res, () => {})
  const url = req.url ?? '/'
  renders++
  res.setHeader(
    'Vary',
    'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding',
  )
  if (url.startsWith('/stream')) {
    // A large static file, piped in chunks: not shareable (no s-maxage), it must stream through untouched.
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.setHeader('Cache-Control', 'public, max-age=0')
    let i = 0
    const next = () => {
      while (i < 64) {
        i++
        if (!res.write(`<p>chunk ${i} ${'x'.repeat(4000)}</p>`)) return
      }
      res.end()
    }
    res.on('drain', next)
    return next()
  }
  if (url.startsWith('/missing') || url.startsWith(NOT_FOUND_PATH)) {
    // As Next 16.3+ answers notFound() in a page (the empty shell), and its prerendered not-found page.
    res.statusCode = 404
    res.setHeader('x-nextjs-cache', 'HIT')
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.setHeader('Cache-Control', 'public, max-age=0, s-maxage=10, stale-while-revalidate=10')
    return res.end(
      url.startsWith('/missing')
        ? '<!DOCTYPE html><html id="__next_error__"><head></head><body><script>self.__next_f=[]</script></body></html>'
        : `<!DOCTYPE html><html lang="en"><title>Page not found</title><h1>Page not found</h1>${'<p>Nothing here.'.repeat(200)}`,
    )
  }
  const verdict = url.includes('stale') ? 'STALE' : url.includes('hit') ? 'HIT' : 'MISS'
  res.setHeader('x-nextjs-cache', verdict)
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('ETag', '"abc123"')
  res.setHeader(
    'Cache-Control',
    url.includes('private')
      ? 'private, no-cache, no-store, max-age=0, must-revalidate'
      : 's-maxage=2592000, stale-while-revalidate=28944000',
  )
  if (url.includes('cookie')) res.setHeader('Set-Cookie', 'a=b')
  res.end(`${PAGE}<!-- ${url} render ${renders} -->`)
}

let cache: PageCache
let server: http.Server
let origin = ''

beforeAll(async () => {
  cache = new PageCache({ maxBytes: 8 * 1024 * 1024, hitLifetime: 10 })
  const layer = pageCacheLayer(cache, {
    // As server/main.ts does: the not-found page asked of the same server, then read from the cache.
    notFoundPage: async (req) => {
      const key = cache.keyOf({ method: 'GET', url: NOT_FOUND_PATH, headers: req.headers } as http.IncomingMessage)
      if (!key) return null
      if (!cache.get(key)) await get(NOT_FOUND_PATH, { host: String(req.headers.host) })
      return cache.get(key) ?? null
    },
  })
  // As server/main.ts puts it in front of Next.
  server = http.createServer(async (req, res) => {
    const next = await layer.answer(req, res)
    if (!next) return
    let original: unknown
    const setHeader = res.setHeader
    res.setHeader = function (name: string, value: string | number | readonly string[]) {
      if (name.toLowerCase() === 'cache-control') original = value
      return setHeader.call(this, name, value)
    }
    // A reader who leaves before the request reaches the cache (the front door awaits Redis, say).
    if (req.headers['x-leave-first']) await new Promise((resolve) => res.once('close', resolve))
    if (next.key) layer.keep(req, res, next.key, () => original)
    // What Next's static-file server does on a closed socket: nothing, ever.
    if (res.destroyed) return
    if (req.url?.includes('slow')) await new Promise((resolve) => setTimeout(resolve, 200))
    nextLike(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${origin}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

/** A response Next would let the cache keep. */
function shareable(body = PAGE): CapturedResponse {
  return {
    status: 200,
    headers: { 'x-nextjs-cache': 'MISS', 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(body),
    cacheControl: 's-maxage=3600',
  }
}

const text = (r: { headers: http.IncomingHttpHeaders; body: Buffer }) =>
  (r.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(r.body)
    : r.headers['content-encoding'] === 'gzip'
      ? gunzipSync(r.body)
      : r.body
  ).toString()

describe('page cache', () => {
  it('keeps a shareable page Next compressed, and sends it in each client’s encoding without asking Next again', async () => {
    const first = await get('/posts/a', { 'accept-encoding': 'gzip, br' })
    expect(first.headers['x-daisy-cache']).toBe('MISS')
    expect(first.headers['content-encoding']).toBe('gzip')
    const rendered = text(first)
    expect(rendered).toContain('render')
    const count = renders
    const plain = await get('/posts/a')
    expect(plain.headers['x-daisy-cache']).toBe('HIT')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(rendered)
    await expect
      .poll(async () => (await get('/posts/a', { 'accept-encoding': 'br' })).headers['content-encoding'])
      .toBe('br')
    expect(text(await get('/posts/a', { 'accept-encoding': 'br' }))).toBe(rendered)
    expect(renders).toBe(count)
    expect((await get('/posts/a', { 'if-none-match': 'W/"abc123"' })).status).toBe(304)
  })

  it('streams a response it does not keep through Next’s compression intact', async () => {
    for (const encoding of ['gzip, br', '']) {
      const response = await get('/stream', encoding ? { 'accept-encoding': encoding } : {})
      expect(response.status).toBe(200)
      const body = text(response)
      expect(body.match(/<p>chunk/g)).toHaveLength(64)
      expect(response.headers['x-daisy-cache']).toBeUndefined()
    }
  })

  it('asks Next once for a page many readers want at the same moment', async () => {
    const before = renders
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => get('/posts/slow-and-popular', { 'accept-encoding': 'gzip' })),
    )
    expect(renders - before).toBe(1)
    expect(new Set(responses.map((r) => text(r))).size).toBe(1)
    expect(responses.filter((r) => r.headers['x-daisy-cache'] === 'MISS')).toHaveLength(1)
    // A page Next will not share is not waited for: each request goes to Next.
    const dynamic = await Promise.all(Array.from({ length: 5 }, () => get('/private-and-slow')))
    expect(dynamic.every((r) => r.status === 200 && r.headers['x-daisy-cache'] === undefined)).toBe(true)
  })

  it('a reader who left before their request reached the cache holds nobody up', async () => {
    const leaving = http.get(`${origin}/page/left-early`, { headers: { 'x-leave-first': '1' } })
    leaving.on('error', () => {})
    await new Promise((resolve) => setTimeout(resolve, 50))
    leaving.destroy()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const next = await Promise.race([
      get('/page/left-early'),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000)),
    ])
    expect(next?.status).toBe(200)
  })

  it('answers Next’s empty not-found shell with the site’s whole not-found page, a 404 kept once for every address', async () => {
    const first = await get('/missing/one', { 'accept-encoding': 'gzip' })
    expect(first.status).toBe(404)
    expect(text(first)).toContain('<h1>Page not found</h1>')
    expect(text(first)).not.toContain('__next_error__')
    const count = renders
    const second = await get('/missing/two?x=1')
    expect(second.status).toBe(404)
    expect(text(second)).toContain('<h1>Page not found</h1>')
    // Next still decides that the address is unknown; the page it is answered with is read from the cache.
    expect(renders).toBe(count + 1)
    const direct = await get(NOT_FOUND_PATH)
    expect([direct.status, direct.headers['x-daisy-cache']]).toEqual([404, 'HIT'])
    // A 404 is never answered "not modified", and the shell itself is never kept.
    expect((await get('/missing/one', { 'if-none-match': String(direct.headers.etag) })).status).toBe(404)
    expect(cache.peek(`${new URL(origin).host} /missing/one`)).toBeUndefined()
  })

  it('never keeps a stale, private or cookie-setting response', async () => {
    for (const path of ['/stale', '/private', '/cookie']) {
      await get(path)
      const again = await get(path, { 'accept-encoding': 'gzip' })
      expect(again.headers['x-daisy-cache'], path).not.toBe('HIT')
    }
  })

  it('passes personal requests to Next: sessions, unlocked posts, RSC payloads, the admin area, APIs', () => {
    const req = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
      ({ url, method, headers }) as unknown as http.IncomingMessage
    expect(cache.keyOf(req('/posts/a'))).toBeTruthy()
    expect(cache.keyOf(req('/posts/a', { cookie: 'daisy_commenter=%7B%7D; daisy_held=x.y' }))).toBeTruthy()
    expect(cache.keyOf(req('/posts/a', { cookie: 'theme=dark; next-auth.session-token=abc' }))).toBeNull()
    expect(cache.keyOf(req('/posts/a', { cookie: '__Secure-next-auth.session-token=abc' }))).toBeNull()
    expect(cache.keyOf(req('/posts/a', { cookie: 'daisy_pass_clx123=sig' }))).toBeNull()
    expect(cache.keyOf(req('/posts/a', { rsc: '1' }))).toBeNull()
    expect(cache.keyOf(req('/posts/a?_rsc=1x2y'))).toBeNull()
    expect(cache.keyOf(req('/posts/a', { range: 'bytes=0-10' }))).toBeNull()
    for (const url of ['/admin', '/admin/posts', '/api/comments/held?post=x', '/_next/static/chunks/a.js', '/login'])
      expect(cache.keyOf(req(url)), url).toBeNull()
    expect(cache.keyOf(req('/posts/a', {}, 'POST'))).toBeNull()
  })

  it('forgets everything on an expiry, and never stores a render that began before it', async () => {
    await get('/posts/b')
    expect((await get('/posts/b')).headers['x-daisy-cache']).toBe('HIT')
    cache.clear()
    expect((await get('/posts/b')).headers['x-daisy-cache']).toBe('MISS')
    const generation = cache.generation
    cache.clear()
    const late = await cache.store('late', generation, {
      status: 200,
      headers: { 'x-nextjs-cache': 'MISS', 'content-type': 'text/html' },
      body: Buffer.from(PAGE),
      cacheControl: 's-maxage=60',
    })
    expect(late).toBeNull()
  })

  it('keeps a page Next served from its own cache only briefly (its age is unknown), a fresh render for its s-maxage', async () => {
    let now = 1_000_000
    const clocked = new PageCache({ maxBytes: 1024 * 1024, hitLifetime: 10, now: () => now })
    const response = (verdict: string): CapturedResponse => ({
      status: 200,
      headers: { 'x-nextjs-cache': verdict, 'content-type': 'text/html' },
      body: Buffer.from(PAGE),
      cacheControl: 's-maxage=3600',
    })
    await clocked.store('hit', clocked.generation, response('HIT'))
    await clocked.store('miss', clocked.generation, response('MISS'))
    now += 11_000
    expect(clocked.get('hit')).toBeUndefined()
    expect(clocked.get('miss')).toBeDefined()
    now += 3_600_000
    expect(clocked.get('miss')).toBeUndefined()
  })

  it('stays within its memory, dropping the least recently used', async () => {
    const small = new PageCache({ maxBytes: 3 * PAGE.length })
    const response: CapturedResponse = {
      status: 200,
      headers: { 'x-nextjs-cache': 'MISS', 'content-type': 'application/octet-stream' },
      body: Buffer.from(PAGE),
      cacheControl: 's-maxage=60',
    }
    for (const key of ['a', 'b', 'c']) await small.store(key, small.generation, response)
    small.get('a')
    await small.store('d', small.generation, response)
    expect(small.get('b')).toBeUndefined()
    expect(small.get('a')).toBeDefined()
    expect(small.bytes).toBeLessThanOrEqual(3 * PAGE.length)
  })

  it('keys a page by the query parameters that can change it: tracking parameters dropped, the rest sorted', async () => {
    expect(normalizedUrl('/posts/a?utm_source=x&fbclid=y')).toBe('/posts/a')
    expect(normalizedUrl('/posts/a?utm=1')).toBe('/posts/a')
    expect(normalizedUrl('/search?q=b&page=2')).toBe('/search?page=2&q=b')
    expect(normalizedUrl('/search?page=2&utm_medium=mail&q=b')).toBe('/search?page=2&q=b')
    await get('/posts/tracked')
    const before = renders
    for (const query of ['?utm_source=mail', '?fbclid=abc', '?utm=7&gclid=1'])
      expect((await get(`/posts/tracked${query}`)).headers['x-daisy-cache'], query).toBe('HIT')
    expect(renders).toBe(before)
  })

  it('keeps few made-up query strings of one path: the rest are answered, not kept', async () => {
    const variants = new PageCache({ maxBytes: 8 * 1024 * 1024 })
    for (let i = 0; i < 40; i++) await variants.store(`h /posts/a?x=${i}`, variants.generation, shareable())
    expect(variants.size).toBe(4)
    // A plain path is no variant: it is always kept.
    expect(await variants.store('h /posts/a', variants.generation, shareable())).not.toBeNull()
  })

  it('admits a page among the pages readers return to only on its second read: one-off addresses never evict them', async () => {
    const admitted = new PageCache({ maxBytes: 10 * PAGE.length, maxEntryBytes: PAGE.length * 2 })
    const plain = { ...shareable(), headers: { 'x-nextjs-cache': 'MISS', 'content-type': 'application/octet-stream' } }
    for (const key of ['hot-1', 'hot-2', 'hot-3']) {
      await admitted.store(key, admitted.generation, plain)
      admitted.get(key)
    }
    for (let i = 0; i < 200; i++) await admitted.store(`one-off-${i}`, admitted.generation, plain)
    for (const key of ['hot-1', 'hot-2', 'hot-3']) expect(admitted.peek(key), key).toBeDefined()
    expect(admitted.bytes).toBeLessThanOrEqual(10 * PAGE.length)
  })

  it('makes brotli only for pages read a few times, one at a time, within its CPU budget', async () => {
    let now = 0
    // A budget of a tenth of a second at once, earned back at 10 ms a second.
    const budgeted = new PageCache({
      maxBytes: 64 * 1024 * 1024,
      now: () => now,
      brotliBudget: { msPerSecond: 10, burstMs: 100 },
    })
    const long = `<!doctype html>${Array.from({ length: 1500 }, (_, i) => `<p>Paragraph ${i} of a long page ${i * 7919}.</p>`).join('')}`
    const keys = Array.from({ length: 30 }, (_, i) => `page-${i}`)
    for (const key of keys) await budgeted.store(key, budgeted.generation, shareable(long))
    // Read once or twice: no brotli.
    for (const key of keys) budgeted.get(key)
    for (const key of keys) budgeted.get(key)
    expect(keys.filter((key) => budgeted.peek(key)!.brPending)).toEqual([])
    // The third read earns it, but one at a time: of thirty asked at once, one starts.
    for (const key of keys) budgeted.get(key)
    expect(keys.filter((key) => budgeted.peek(key)!.brPending)).toHaveLength(1)
    await expect.poll(() => keys.filter((key) => budgeted.peek(key)!.br).length, { timeout: 10_000 }).toBe(1)
    // Its budget spent (the clock stood still), later reads wait for more to be earned.
    let started = 1
    for (let round = 0; round < 30 && started < 30; round++) {
      for (const key of keys) budgeted.get(key)
      await expect
        .poll(() => keys.filter((key) => budgeted.peek(key)!.brPending && !budgeted.peek(key)!.br).length, {
          timeout: 10_000,
        })
        .toBe(0)
      const count = keys.filter((key) => budgeted.peek(key)!.brPending).length
      if (count === started) break
      started = count
    }
    expect(started).toBeLessThan(10)
    now += 60_000
    for (const key of keys) budgeted.get(key)
    expect(keys.filter((key) => budgeted.peek(key)!.brPending).length).toBe(started + 1)
  })

  it('on a tag expiry drops the pages Next tagged with it, and those it named no tags for', async () => {
    const tagged = new PageCache({ maxBytes: 8 * 1024 * 1024 })
    // Tags as the route cache collects them for the request; Next's own header is not replayed either way.
    const storeTagged = (key: string, tags?: string) => {
      const response = shareable()
      if (tags) response.headers['x-next-cache-tags'] = tags
      return tagged.store(key, tagged.generation, response, tags ? new Set(tags.split(',')) : null)
    }
    await storeTagged('post-a', '_N_T_/posts/a,post:a,comments:1')
    await storeTagged('post-b', '_N_T_/posts/b,post:b,comments:2')
    await storeTagged('untagged')
    tagged.expireTag('comments:1')
    expect(tagged.peek('post-a')).toBeUndefined()
    expect(tagged.peek('post-b')).toBeDefined()
    expect(tagged.peek('untagged')).toBeUndefined()
    expect(tagged.peek('post-b')!.headers['x-next-cache-tags']).toBeUndefined()
  })

  it('chooses brotli, then gzip, honouring q=0', () => {
    const entry: Pick<Entry, 'gzip' | 'br'> = { gzip: Buffer.from('g'), br: Buffer.from('b') }
    expect(chooseEncoding('gzip, deflate, br, zstd', entry)).toBe('br')
    expect(chooseEncoding('gzip', entry)).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip;q=0.5', entry)).toBe('gzip')
    expect(chooseEncoding('*;q=0', entry)).toBe('identity')
    expect(chooseEncoding('*', entry)).toBe('br')
    expect(chooseEncoding(undefined, entry)).toBe('identity')
    expect(chooseEncoding('gzip, br', { ...entry, br: null })).toBe('gzip')
  })
})
