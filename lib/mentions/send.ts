// Telling other sites we linked to them: for each link of a published post, discover a Webmention endpoint,
// else a Pingback one, and send — in the background, through the safe fetcher, retried with back-off. Every
// attempt is recorded per post and link (OutgoingPing) and shown in the editor.
import 'server-only'
import { db } from '@/lib/db'
import { getSiteUrl } from '@/lib/settings/queries'
import { safeFetch, FetchError } from '@/lib/http/fetch'
import { discoverEndpoints, extractLinks } from './discover'
import { normalizeUrl } from './verify'
import { escapeHtml } from '../content/escape'
import { XmlRpcFault } from './xmlrpc'

const MAX_ATTEMPTS = 4
let running = false

/** Queues a ping for every outgoing link of a live post (and each TrackBack URL the author typed). */
export async function queueOutgoingPings(postId: string, trackbackUrls: string[] = []) {
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { slug: true, html: true, status: true, publishedAt: true, deletedAt: true },
  })
  if (!post || post.deletedAt || post.status === 'DRAFT' || !post.publishedAt) return 0
  // A scheduled post pings when it goes live.
  const runAfter = post.publishedAt > new Date() ? post.publishedAt : new Date()
  const site = await getSiteUrl()
  const own = new URL(site).host
  const links = extractLinks(post.html, `${site}/posts/${post.slug}`).filter((l) => new URL(l).host !== own)
  for (const targetUrl of links) {
    await db.outgoingPing.upsert({
      where: { postId_targetUrl: { postId, targetUrl } },
      // An update of the post pings again (the Webmention spec asks senders to resend on updates).
      update: { status: 'QUEUED', runAfter, attempts: 0, protocol: null },
      create: { postId, targetUrl, runAfter },
    })
  }
  for (const endpoint of trackbackUrls) {
    await db.outgoingPing.upsert({
      where: { postId_targetUrl: { postId, targetUrl: endpoint } },
      update: { status: 'QUEUED', runAfter, attempts: 0, protocol: 'TRACKBACK', endpoint },
      create: { postId, targetUrl: endpoint, protocol: 'TRACKBACK', endpoint, runAfter },
    })
  }
  return links.length + trackbackUrls.length
}

type Attempt =
  | { ok: true; protocol: string; endpoint: string; response: string }
  | { ok: false; retry: boolean; protocol?: string; endpoint?: string; response: string }

const snippet = (status: number, body: string) => `HTTP ${status}: ${body.replace(/\s+/g, ' ').trim().slice(0, 300)}`

async function sendOne(
  ping: { protocol: string | null; endpoint: string | null; targetUrl: string },
  source: string,
  post: { title: string; excerpt: string },
  blogName: string,
): Promise<Attempt> {
  if (ping.protocol === 'TRACKBACK' && ping.endpoint) {
    const body = new URLSearchParams({
      url: source,
      title: post.title,
      excerpt: post.excerpt.slice(0, 250),
      blog_name: blogName,
    }).toString()
    const res = await safeFetch(ping.endpoint, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      maxRedirects: 0,
    })
    const ok = res.status < 300 && /<error>\s*0\s*<\/error>/.test(res.body)
    return ok
      ? { ok: true, protocol: 'TRACKBACK', endpoint: ping.endpoint, response: snippet(res.status, res.body) }
      : {
          ok: false,
          retry: res.status >= 500 || res.status === 429,
          protocol: 'TRACKBACK',
          endpoint: ping.endpoint,
          response: snippet(res.status, res.body),
        }
  }
  const page = await safeFetch(ping.targetUrl)
  const endpoints = discoverEndpoints({ url: page.url, headers: page.headers, body: page.body })
  if (endpoints.webmention) {
    const res = await safeFetch(endpoints.webmention, {
      method: 'POST',
      body: new URLSearchParams({ source, target: ping.targetUrl }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      maxRedirects: 0,
    })
    const ok = res.status >= 200 && res.status < 300
    return ok
      ? { ok: true, protocol: 'WEBMENTION', endpoint: endpoints.webmention, response: snippet(res.status, res.body) }
      : {
          ok: false,
          retry: res.status >= 500 || res.status === 429,
          protocol: 'WEBMENTION',
          endpoint: endpoints.webmention,
          response: snippet(res.status, res.body),
        }
  }
  if (endpoints.pingback) {
    const call = `<?xml version="1.0"?>\n<methodCall><methodName>pingback.ping</methodName><params><param><value><string>${escapeHtml(source)}</string></value></param><param><value><string>${escapeHtml(ping.targetUrl)}</string></value></param></params></methodCall>`
    const res = await safeFetch(endpoints.pingback, {
      method: 'POST',
      body: call,
      headers: { 'content-type': 'text/xml' },
      maxRedirects: 0,
    })
    const fault = /<name>faultCode<\/name>\s*<value>\s*<(?:int|i4)>(-?\d+)</.exec(res.body)
    if (res.status < 300 && !fault)
      return { ok: true, protocol: 'PINGBACK', endpoint: endpoints.pingback, response: snippet(res.status, res.body) }
    // Fault 48 (already registered) means the other side has it: done. 50 and HTTP errors are worth a retry.
    if (fault?.[1] === '48')
      return { ok: true, protocol: 'PINGBACK', endpoint: endpoints.pingback, response: `already registered (fault 48)` }
    return {
      ok: false,
      retry: res.status >= 500 || res.status === 429 || fault?.[1] === '50' || fault?.[1] === '0',
      protocol: 'PINGBACK',
      endpoint: endpoints.pingback,
      response: snippet(res.status, res.body),
    }
  }
  return { ok: false, retry: false, protocol: 'NONE', response: 'The page has no Webmention or Pingback endpoint.' }
}

export async function processOutgoingPings(): Promise<number> {
  if (running) return 0
  running = true
  let done = 0
  try {
    await db.outgoingPing.updateMany({
      where: { status: 'RUNNING', updatedAt: { lt: new Date(Date.now() - 5 * 60_000) } },
      data: { status: 'QUEUED' },
    })
    const due = await db.outgoingPing.findMany({
      where: { status: 'QUEUED', runAfter: { lte: new Date() } },
      orderBy: { createdAt: 'asc' },
      take: 20,
      include: { post: { select: { slug: true, title: true, excerpt: true } } },
    })
    if (due.length === 0) return 0
    const site = await getSiteUrl()
    const blogName = (await db.setting.findUnique({ where: { key: 'siteTitle' } }))?.value
    for (const ping of due) {
      const claimed = await db.outgoingPing.updateMany({
        where: { id: ping.id, status: 'QUEUED' },
        data: { status: 'RUNNING', attempts: { increment: 1 } },
      })
      if (claimed.count === 0) continue
      const source = `${site}/posts/${ping.post.slug}`
      let attempt: Attempt
      try {
        if (normalizeUrl(ping.targetUrl) === null) throw new FetchError('not an http(s) URL', 'BAD_URL')
        attempt = await sendOne(ping, source, ping.post, blogName ? JSON.parse(blogName) : 'Daisy')
      } catch (error) {
        const transient =
          error instanceof FetchError
            ? ['TIMEOUT', 'NETWORK', 'RATE_LIMITED', 'DNS'].includes(error.code)
            : !(error instanceof XmlRpcFault)
        attempt = { ok: false, retry: transient, response: error instanceof Error ? error.message : 'failed' }
      }
      const attempts = ping.attempts + 1
      const retry = !attempt.ok && attempt.retry && attempts < MAX_ATTEMPTS
      await db.outgoingPing.update({
        where: { id: ping.id },
        data: {
          status: attempt.ok ? 'DONE' : retry ? 'QUEUED' : 'FAILED',
          protocol: attempt.protocol ?? ping.protocol,
          endpoint: attempt.endpoint ?? ping.endpoint,
          response: attempt.response.slice(0, 1000),
          // Back-off: 2, 8, 32 minutes.
          runAfter: retry ? new Date(Date.now() + 2 * 4 ** (attempts - 1) * 60_000) : undefined,
        },
      })
      done++
    }
  } finally {
    running = false
  }
  return done
}

export async function listOutgoingPings(postId: string) {
  return db.outgoingPing.findMany({ where: { postId }, orderBy: { createdAt: 'asc' } })
}
