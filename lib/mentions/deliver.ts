// How one ping is sent: to the TrackBack URL the author gave, else to the Webmention or Pingback endpoint the
// linked page advertises, through the safe fetcher. Says what happened and whether a retry is worth it.
import { safeFetch, type FetchResult } from '@/lib/http/fetch'
import { escapeHtml } from '@/lib/content/escape'
import { discoverEndpoints } from './discover'

export type Attempt =
  | { ok: true; protocol: string; endpoint: string; response: string }
  | { ok: false; retry: boolean; protocol?: string; endpoint?: string; response: string }

const snippet = (status: number, body: string) => `HTTP ${status}: ${body.replace(/\s+/g, ' ').trim().slice(0, 300)}`

/** POSTs a ping to an endpoint, never following a redirect (it could lead the POST anywhere). */
const postTo = (endpoint: string, body: string, contentType: string) =>
  safeFetch(endpoint, { method: 'POST', body, headers: { 'content-type': contentType }, maxRedirects: 0 })

/** What an endpoint's answer means: sent when `ok`, else worth a retry after a server error or a rate limit. */
function answered(protocol: string, endpoint: string, res: FetchResult, ok: boolean): Attempt {
  const response = snippet(res.status, res.body)
  return ok
    ? { ok: true, protocol, endpoint, response }
    : { ok: false, retry: res.status >= 500 || res.status === 429, protocol, endpoint, response }
}

export async function sendOne(
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
    const res = await postTo(ping.endpoint, body, 'application/x-www-form-urlencoded; charset=utf-8')
    return answered('TRACKBACK', ping.endpoint, res, res.status < 300 && /<error>\s*0\s*<\/error>/.test(res.body))
  }
  const page = await safeFetch(ping.targetUrl)
  const endpoints = discoverEndpoints({ url: page.url, headers: page.headers, body: page.body })
  if (endpoints.webmention) {
    const body = new URLSearchParams({ source, target: ping.targetUrl }).toString()
    const res = await postTo(endpoints.webmention, body, 'application/x-www-form-urlencoded')
    return answered('WEBMENTION', endpoints.webmention, res, res.status >= 200 && res.status < 300)
  }
  if (endpoints.pingback) {
    const call = `<?xml version="1.0"?>\n<methodCall><methodName>pingback.ping</methodName><params><param><value><string>${escapeHtml(source)}</string></value></param><param><value><string>${escapeHtml(ping.targetUrl)}</string></value></param></params></methodCall>`
    const res = await postTo(endpoints.pingback, call, 'text/xml')
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
