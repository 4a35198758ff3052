// The one way Daisy fetches a URL from the outside world (linkback verification, endpoint discovery, imported
// attachments, sending): http(s) only, every address checked, connected to the checked address, bounded in time and size.
import http from 'node:http'
import https from 'node:https'
import { lookup } from 'node:dns/promises'
import { isIP, type LookupFunction } from 'node:net'
import { env } from '../env'
import { isPrivateAddress } from './ip-ranges'
import { RateLimit } from './rate-limit'

export interface FetchOptions {
  method?: 'GET' | 'POST' | 'HEAD'
  headers?: Record<string, string>
  body?: string
  maxBytes?: number
  maxRedirects?: number
  connectTimeoutMs?: number
  totalTimeoutMs?: number
  allowPrivate?: boolean
  /** The per-host pace (30 a minute) that keeps linkback traffic from hammering a site; imports turn it off. */
  limitPerHost?: boolean
}

export interface FetchResult {
  url: string
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** The same body as bytes (images). */
  bytes: Buffer
  truncated: boolean
}

export class FetchError extends Error {
  constructor(
    message: string,
    public readonly code:
      'BAD_URL' | 'BLOCKED_ADDRESS' | 'DNS' | 'TIMEOUT' | 'TOO_MANY_REDIRECTS' | 'NETWORK' | 'RATE_LIMITED',
  ) {
    super(message)
  }
}

export const USER_AGENT = 'Daisy/0.1 (linkback verification)'
const perHost = new RateLimit('fetch-host', [{ points: 30, duration: 60 }])

export function privateNetworksAllowed(): boolean {
  return env.MENTION_ALLOW_PRIVATE_NETWORKS === '1'
}

/**
 * Resolves the host once, refuses if any address is private (unless allowed), and hands the socket the
 * address that was checked: a second DNS answer (rebinding) never gets a say.
 */
function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (
      err: NodeJS.ErrnoException | null,
      address: string | { address: string; family: number }[],
      family?: number,
    ) => void
    const host = hostname.replace(/^\[|\]$/g, '')
    const resolve = isIP(host)
      ? Promise.resolve([{ address: host, family: isIP(host) }])
      : lookup(host, { all: true, verbatim: true })
    resolve
      .then((addresses) => {
        if (addresses.length === 0) throw new FetchError(`${hostname} has no address`, 'DNS')
        const refused = addresses.find((a) => isPrivateAddress(a.address))
        if (refused && !allowPrivate)
          throw new FetchError(
            `${hostname} resolves to a private or reserved address (${refused.address})`,
            'BLOCKED_ADDRESS',
          )
        const chosen = addresses[0]!
        if ((options as { all?: boolean }).all) done(null, [chosen])
        else done(null, chosen.address, chosen.family)
      })
      .catch((error: unknown) =>
        done(
          error instanceof FetchError
            ? (error as unknown as NodeJS.ErrnoException)
            : (new FetchError(`cannot resolve ${hostname}`, 'DNS') as unknown as NodeJS.ErrnoException),
          '',
        ),
      )
  }
}

function parseTarget(raw: string): URL {
  const url = URL.parse(raw)
  if (!url) throw new FetchError(`not a URL: ${raw.slice(0, 200)}`, 'BAD_URL')
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchError(`only http and https are fetched (${url.protocol})`, 'BAD_URL')
  if (url.username || url.password) throw new FetchError('URLs with credentials are not fetched', 'BAD_URL')
  return url
}

function requestOnce(
  url: URL,
  options: Required<Pick<FetchOptions, 'maxBytes' | 'connectTimeoutMs' | 'allowPrivate'>> & FetchOptions,
  deadline: number,
) {
  // Node connects to an IP literal without calling `lookup`, so literals are checked here.
  const literal = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(literal) && isPrivateAddress(literal) && !options.allowPrivate) {
    return Promise.reject(new FetchError(`${url.hostname} is a private or reserved address`, 'BLOCKED_ADDRESS'))
  }
  return new Promise<FetchResult>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    const body = options.body === undefined ? undefined : Buffer.from(options.body)
    const request = client.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: {
          'user-agent': USER_AGENT,
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5',
          ...options.headers,
          ...(body ? { 'content-length': String(body.length) } : {}),
        },
        lookup: checkedLookup(options.allowPrivate),
        timeout: options.connectTimeoutMs,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        let truncated = false
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > options.maxBytes) {
            truncated = true
            chunks.push(chunk.subarray(0, chunk.length - (size - options.maxBytes)))
            response.destroy()
            finish()
            return
          }
          chunks.push(chunk)
        })
        let finished = false
        const finish = () => {
          if (finished) return
          finished = true
          clearTimeout(timer)
          const bytes = Buffer.concat(chunks)
          resolve({
            url: url.toString(),
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: bytes.toString('utf8'),
            bytes,
            truncated,
          })
        }
        response.on('end', finish)
        response.on('error', (error) => (finished ? undefined : reject(new FetchError(error.message, 'NETWORK'))))
      },
    )
    const timer = setTimeout(
      () => request.destroy(new FetchError(`no complete answer from ${url.host} in time`, 'TIMEOUT')),
      Math.max(1, deadline - Date.now()),
    )
    request.on('timeout', () => request.destroy(new FetchError(`${url.host} did not answer in time`, 'TIMEOUT')))
    request.on('error', (error) => {
      clearTimeout(timer)
      reject(error instanceof FetchError ? error : new FetchError(`${url.host}: ${error.message}`, 'NETWORK'))
    })
    request.end(body)
  })
}

/** Fetches a URL under every rule above, following at most `maxRedirects` redirects, each re-checked. */
export async function safeFetch(rawUrl: string, options: FetchOptions = {}): Promise<FetchResult> {
  const settings = {
    maxBytes: 1024 * 1024,
    maxRedirects: 3,
    connectTimeoutMs: 3000,
    totalTimeoutMs: 8000,
    allowPrivate: privateNetworksAllowed(),
    ...options,
  }
  const deadline = Date.now() + settings.totalTimeoutMs
  let url = parseTarget(rawUrl)
  for (let hop = 0; ; hop++) {
    const wait = settings.limitPerHost === false ? 0 : await perHost.consume(url.hostname)
    if (wait) throw new FetchError(`too many requests to ${url.hostname}; try again in ${wait} s`, 'RATE_LIMITED')
    const result = await requestOnce(url, settings, deadline)
    const location = result.headers.location
    if (result.status >= 300 && result.status < 400 && typeof location === 'string') {
      if (hop >= settings.maxRedirects)
        throw new FetchError(`more than ${settings.maxRedirects} redirects`, 'TOO_MANY_REDIRECTS')
      url = parseTarget(new URL(location, url).toString())
      continue
    }
    return result
  }
}
