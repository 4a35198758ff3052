// Reads of the media library, and the HTML an image is inserted into a post with.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db } from '@/lib/db'
import { cacheArgs } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { z } from 'zod'
import { escapeHtml } from '@/lib/content/escape'
import { isRemoteMedia, mediaUrl } from './url'

type Variant = { width: number; path: string }

/** A responsive <img>: the generated WebP sizes in srcset, the original as fallback and largest size. */
export function imageHtml(m: {
  path: string
  alt: string
  width: number | null
  height: number | null
  variants: Variant[]
}): string {
  const srcset = [
    ...m.variants.map((v) => `${mediaUrl(v.path)} ${v.width}w`),
    ...(m.width ? [`${mediaUrl(m.path)} ${m.width}w`] : []),
  ].join(', ')
  const size = m.width && m.height ? ` width="${m.width}" height="${m.height}"` : ''
  return `<img src="${mediaUrl(m.path)}"${srcset ? ` srcset="${srcset}" sizes="(max-width: 42rem) 100vw, 42rem"` : ''} alt="${escapeHtml(m.alt)}"${size} loading="lazy">`
}

/** The stored copy of an imported file, by its old WordPress path ("/wp-content/uploads/2012/01/a.jpg"). */
export async function findImportedMedia(...args: [oldPath: string]): Promise<string | null> {
  'use cache'
  const oldPath = cacheArgs(z.string().min(1).max(2000), args)
  cacheTag(tags.media)
  cacheLife('max')
  const media = await db.media.findFirst({
    where: { importKey: { not: null }, sourceUrl: { endsWith: oldPath } },
    select: { path: true },
  })
  return media && !isRemoteMedia(media.path) ? mediaUrl(media.path) : null
}

export async function listMedia() {
  const rows = await db.media.findMany({
    orderBy: { createdAt: 'desc' },
    take: 200,
    include: { uploader: { select: { name: true } } },
  })
  return rows.map((m) => {
    const variants = JSON.parse(m.variants) as Variant[]
    return { ...m, url: mediaUrl(m.path), variants, html: imageHtml({ ...m, variants }) }
  })
}

export async function listMediaChoices() {
  const rows = await db.media.findMany({
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: { id: true, path: true, alt: true, width: true, height: true, variants: true },
  })
  return rows.map((m) => ({
    id: m.id,
    url: mediaUrl(m.path),
    alt: m.alt,
    html: imageHtml({ ...m, variants: JSON.parse(m.variants) as Variant[] }),
  }))
}
