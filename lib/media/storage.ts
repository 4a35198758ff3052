// Where uploaded media lives on disk (MEDIA_DIR), and turning an upload into an original plus responsive sizes.
import 'server-only'
import { mkdir, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { join, resolve, sep } from 'node:path'
import sharp from 'sharp'
import { env } from '@/lib/env'
import { InvalidInputError } from '@/lib/errors'

export const MEDIA_WIDTHS = [480, 960, 1600] as const
export const MEDIA_MAX_BYTES = env.MEDIA_MAX_BYTES
const FORMATS: Record<string, { ext: string; mime: string }> = {
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  png: { ext: 'png', mime: 'image/png' },
  webp: { ext: 'webp', mime: 'image/webp' },
  gif: { ext: 'gif', mime: 'image/gif' },
  avif: { ext: 'avif', mime: 'image/avif' },
}

export function mediaRoot(): string {
  // Runtime data, not part of the build: keep the bundler from tracing the whole project.
  return resolve(/* turbopackIgnore: true */ process.cwd(), env.MEDIA_DIR)
}

/** The absolute path of a stored file, or null if the name would escape the media folder. */
export function resolveMediaPath(relative: string): string | null {
  const root = mediaRoot()
  const full = resolve(root, relative)
  return full.startsWith(root + sep) ? full : null
}

/** An upload that cannot be stored, said beside the form's file field. */
export class MediaError extends InvalidInputError {
  constructor(message: string) {
    super(message, 'file')
  }
}

export interface StoredMedia {
  path: string
  mimeType: string
  size: number
  width: number
  height: number
  variants: { width: number; path: string }[]
}

/** Checks what the bytes really are (not what the browser said), then stores the original and WebP sizes. */
export async function storeImage(bytes: Buffer, originalName: string): Promise<StoredMedia> {
  if (bytes.length === 0) throw new MediaError('The file is empty.')
  if (bytes.length > MEDIA_MAX_BYTES)
    throw new MediaError(`The file is larger than ${Math.round(MEDIA_MAX_BYTES / 1024 / 1024)} MB.`)
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>
  try {
    meta = await sharp(bytes).metadata()
  } catch {
    throw new MediaError('That is not an image Daisy can read (JPEG, PNG, WebP, GIF or AVIF).')
  }
  const format = meta.format ? FORMATS[meta.format === 'heif' ? 'avif' : meta.format] : undefined
  if (!format || !meta.width || !meta.height)
    throw new MediaError('Only JPEG, PNG, WebP, GIF and AVIF images can be uploaded.')
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16)
  const base = (
    originalName
      .replace(/\.[^.]*$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'image'
  ).slice(0, 60)
  const month = new Date().toISOString().slice(0, 7)
  const dir = join(mediaRoot(), month)
  await mkdir(dir, { recursive: true })
  const path = `${month}/${base}-${hash}.${format.ext}`
  await writeFile(join(mediaRoot(), path), bytes)
  const variants: StoredMedia['variants'] = []
  for (const width of MEDIA_WIDTHS) {
    if (width >= meta.width) continue
    const variantPath = `${month}/${base}-${hash}-${width}.webp`
    await sharp(bytes).rotate().resize({ width }).webp({ quality: 80 }).toFile(join(mediaRoot(), variantPath))
    variants.push({ width, path: variantPath })
  }
  return { path, mimeType: format.mime, size: bytes.length, width: meta.width, height: meta.height, variants }
}
