// The site icon: where its files live (Daisy's own in public/icons, an upload under MEDIA_DIR/site-icon),
// serving them from the cache, and the <head> links that point at them.
import 'server-only'
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Metadata } from 'next'
import { cacheLife, cacheTag } from 'next/cache'
import { cacheArgs } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { z } from 'zod'
import { mediaRoot } from '@/lib/media/storage'
import { ICON_FILES, type IconFile } from './icon-files'
import { getSettings } from './queries'

const defaultDir = () => resolve(/* turbopackIgnore: true */ process.cwd(), 'public', 'icons')
const uploadsDir = () => join(mediaRoot(), 'site-icon')

/** An upload's version: its content hash, so the same image uploaded twice is one folder. */
export const iconVersion = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16)

/** Writes a rendered set into its own folder (all files or none: written aside, then renamed into place). */
export async function storeIconSet(version: string, files: Record<IconFile, Buffer>): Promise<void> {
  const target = join(uploadsDir(), version)
  const temp = `${target}.tmp-${process.pid}-${Date.now()}`
  await mkdir(temp, { recursive: true })
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(temp, name), bytes)
  await rm(target, { recursive: true, force: true })
  await rename(temp, target)
}

export async function deleteIconSet(version: string): Promise<void> {
  if (/^[0-9a-f]{16}$/.test(version)) await rm(join(uploadsDir(), version), { recursive: true, force: true })
}

interface IconBytes {
  bytes: Uint8Array
  type: string
  etag: string
  version: string
}

/** One icon file as it is served now: the upload's, or Daisy's own when there is none (or its files went missing). */
async function getIconFile(...args: [name: IconFile]): Promise<IconBytes> {
  'use cache'
  // A cached function is a server reference anyone can call with any argument: only the known file names,
  // never a path (`../../.env.local`).
  const name = cacheArgs(z.enum(Object.keys(ICON_FILES) as [IconFile, ...IconFile[]]), args)
  cacheTag(tags.siteIcon, tags.settings)
  cacheLife('max')
  const { siteIcon } = await getSettings()
  const uploaded = siteIcon ? await readFile(join(uploadsDir(), siteIcon, name)).catch(() => null) : null
  const bytes = uploaded ?? (await readFile(join(defaultDir(), name)))
  const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 20)}"`
  return { bytes: new Uint8Array(bytes), type: ICON_FILES[name].type, etag, version: uploaded ? siteIcon : '' }
}

/**
 * The response for an icon route. Pages link the icons with `?v=<version>`, so a request naming the current
 * version may be kept for a year; the bare address (`/favicon.ico`, which browsers ask for on their own)
 * is checked again after an hour, so a new icon shows within one.
 */
export async function iconResponse(request: Request, name: IconFile): Promise<Response> {
  const icon = await getIconFile(name)
  const versioned = new URL(request.url).searchParams.get('v') === (icon.version || 'default')
  const headers = {
    'content-type': icon.type,
    'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    etag: icon.etag,
    'x-content-type-options': 'nosniff',
  }
  if (request.headers.get('if-none-match') === icon.etag) return new Response(null, { status: 304, headers })
  return new Response(icon.bytes as Uint8Array<ArrayBuffer>, {
    headers: { ...headers, 'content-length': String(icon.bytes.length) },
  })
}

/** The query that names an icon version in links: a new icon is a new address, which no browser has cached. */
export const iconQuery = (version: string) => `?v=${version || 'default'}`

/** The <head> links of every page (root layout metadata); Daisy's own icon also offers its SVG. */
export function iconMetadata(version: string): Metadata['icons'] {
  const q = iconQuery(version)
  return {
    icon: [
      { url: `/favicon.ico${q}`, sizes: '16x16 32x32 48x48' },
      ...(version ? [] : [{ url: '/icons/daisy.svg', type: 'image/svg+xml' }]),
      { url: `/site-icon/icon-32.png${q}`, type: 'image/png', sizes: '32x32' },
    ],
    apple: [{ url: `/apple-touch-icon.png${q}`, sizes: '180x180' }],
  }
}
