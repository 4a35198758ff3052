// A few pages on a local HTTP server, and a published post on the test blog: what the linkback tests fetch and
// ping. Unit tests set MENTION_ALLOW_PRIVATE_NETWORKS=1, so the safe fetcher may reach 127.0.0.1.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { db } from '../db'

export interface Page {
  status?: number
  headers?: Record<string, string>
  body?: string
}

export interface LocalWeb {
  url(path: string): string
  /** Serves `page` at `path` (a function: answered per request, with the request's body). */
  set(path: string, page: Page | ((body: string) => Page)): void
  /** The bodies POSTed to `path`, in order. */
  posted(path: string): string[]
  close(): Promise<void>
}

export async function startLocalWeb(): Promise<LocalWeb> {
  const pages = new Map<string, Page | ((body: string) => Page)>()
  const posts = new Map<string, string[]>()
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const path = req.url ?? '/'
      if (req.method === 'POST') posts.set(path, [...(posts.get(path) ?? []), body])
      const entry = pages.get(path)
      const page = typeof entry === 'function' ? entry(body) : (entry ?? { status: 404, body: 'not found' })
      res.writeHead(page.status ?? 200, { 'content-type': 'text/html', ...page.headers })
      res.end(page.body ?? '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: (path) => `${base}${path}`,
    set: (path, page) => void pages.set(path, page),
    posted: (path) => posts.get(path) ?? [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export const BLOG = 'http://daisy.test'

/** The blog's address setting and one published post open to pings; returns the post and its address. */
export async function publishedPost(slug: string, html = '<p>Hello.</p>') {
  await db.setting.upsert({
    where: { key: 'baseUrl' },
    update: {},
    create: { key: 'baseUrl', value: JSON.stringify(BLOG) },
  })
  const author = await db.user.upsert({
    where: { email: 'author@daisy.test' },
    update: {},
    create: { email: 'author@daisy.test', name: 'Author', slug: 'author' },
  })
  const post = await db.post.create({
    data: {
      slug,
      title: `Post ${slug}`,
      source: html,
      html,
      excerpt: 'An excerpt.',
      status: 'PUBLISHED',
      publishedAt: new Date(Date.now() - 60_000),
      authorId: author.id,
    },
  })
  return { post, url: `${BLOG}/posts/${slug}` }
}

/** A page that links to `target` in its text. */
export const linkingTo = (target: string, title = 'A reply'): Page => ({
  body: `<html><head><title>${title}</title></head><body><p>I liked <a href="${target}">this post</a>.</p></body></html>`,
})
