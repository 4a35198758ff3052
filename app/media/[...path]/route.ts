import { readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { resolveMediaPath } from '@/lib/media/storage'

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
}

/** Serves uploaded media from MEDIA_DIR. File names carry a content hash, so they can be cached forever. */
export async function GET(_request: Request, { params }: RouteContext<'/media/[...path]'>) {
  const { path } = await params
  const type = TYPES[extname(path.join('/')).toLowerCase()]
  const full = type ? resolveMediaPath(path.join('/')) : null
  if (!full) return new Response('Not found\n', { status: 404 })
  try {
    const info = await stat(full)
    if (!info.isFile()) throw new Error('not a file')
    return new Response(new Uint8Array(await readFile(full)), {
      headers: {
        'content-type': type!,
        'content-length': String(info.size),
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
    })
  } catch {
    return new Response('Not found\n', { status: 404 })
  }
}
