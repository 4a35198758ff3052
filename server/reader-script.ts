// The comment form's script for reader pages served as plain HTML (lib/comments/reader-script.ts), bundled
// once as the server starts (esbuild: one minified file, its imports from lib/comments included) and served by
// the front door at an address named by its hash, so browsers keep it for a year and a new version is a new
// address. Pages get `<script src=… defer>` only when they hold a comment form.
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { buildSync } from 'esbuild'
import { chooseEncoding } from './page-cache.ts'

export interface ReaderScript {
  /** Where it is served: /_daisy/comments-<hash>.js */
  path: string
  /** The tag a page with a comment form gets at the end of its <head>. */
  tag: string
  body: Buffer
  gzip: Buffer
  br: Buffer
}

export function bundleReaderScript(root: string): ReaderScript {
  const result = buildSync({
    entryPoints: [join(root, 'lib', 'comments', 'reader-script.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    alias: { '@': root },
  })
  const body = Buffer.from(result.outputFiles[0]!.contents)
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12)
  const path = `/_daisy/comments-${hash}.js`
  return {
    path,
    tag: `<script src="${path}" defer></script>`,
    body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body),
  }
}

/** Answers a request for the script (true), or leaves it (false). */
export function serveReaderScript(req: IncomingMessage, res: ServerResponse, script: ReaderScript): boolean {
  if (req.url !== script.path || (req.method !== 'GET' && req.method !== 'HEAD')) return false
  // The page cache's own choice of encoding (q=0 honoured).
  const encoding = chooseEncoding(req.headers['accept-encoding'], script)
  const body = encoding === 'br' ? script.br : encoding === 'gzip' ? script.gzip : script.body
  res.writeHead(200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=31536000, immutable',
    'content-length': body.length,
    vary: 'Accept-Encoding',
    ...(encoding !== 'identity' ? { 'content-encoding': encoding } : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : body)
  return true
}
