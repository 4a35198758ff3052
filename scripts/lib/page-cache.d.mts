// Types for page-cache.mjs (plain JavaScript: scripts/server.mjs runs it before anything is compiled).
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

export interface Entry {
  headers: OutgoingHttpHeaders
  identity: Buffer
  gzip: Buffer | null
  br: Buffer | null
  /** brotli is being made (or was): a page gets it from its second read on */
  brPending: boolean
  etag: string | null
  expiresAt: number
  bytes: number
}
export interface CapturedResponse {
  status: number
  headers: OutgoingHttpHeaders
  body: Buffer
  cacheControl: unknown
}
/** Node's own writeHead and end of a response, from before anything wrapped them. */
export interface RawResponse {
  writeHead: ServerResponse['writeHead']
  end: ServerResponse['end']
}

export class PageCache {
  constructor(options: { maxBytes: number; maxEntryBytes?: number; hitLifetime?: number; now?: () => number })
  readonly generation: number
  readonly bytes: number
  keyOf(req: IncomingMessage): string | null
  get(key: string): Entry | undefined
  clear(): void
  store(key: string, generation: number, response: CapturedResponse): Promise<Entry | null>
}
export function chooseEncoding(
  acceptEncoding: string | undefined,
  entry: Pick<Entry, 'gzip' | 'br'>,
): 'br' | 'gzip' | 'identity'
export function sendEntry(
  req: IncomingMessage,
  res: ServerResponse,
  entry: Entry,
  state?: 'HIT' | 'MISS',
  raw?: RawResponse,
): void
export function sendCaptured(
  req: IncomingMessage,
  res: ServerResponse,
  response: CapturedResponse,
  raw?: RawResponse,
): void
export function captureResponse(
  res: ServerResponse,
  options: {
    originalCacheControl: () => unknown
    onComplete: (response: CapturedResponse, raw: RawResponse) => void | Promise<void>
    onPass?: () => void
  },
): void
export interface PageCacheLayer {
  answer(req: IncomingMessage, res: ServerResponse): Promise<{ key?: string } | null>
  keep(req: IncomingMessage, res: ServerResponse, key: string, originalCacheControl: () => unknown): void
}
export function pageCacheLayer(cache: PageCache): PageCacheLayer
