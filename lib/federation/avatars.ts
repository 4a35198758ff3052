// Fediverse accounts' pictures, copied to the blog: fetched once through the safe fetcher, made a small square
// WebP under MEDIA_DIR/avatars/, and named on that account's replies and likes, so a reader's browser shows them
// without asking another server (no tracking by the account's instance, nothing broken when it is down).
import 'server-only'
import { createHash } from 'node:crypto'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import sharp from 'sharp'
import { Image, Link, type Actor } from '@fedify/vocab'
import { db } from '@/lib/db'
import { safeFetch } from '@/lib/http/fetch'
import { resolveMediaPath } from '@/lib/media/storage'
import { keptUrl } from './urls'

/** A picture a few hundred KB at most on any server; more is not an avatar. */
const MAX_AVATAR_BYTES = 2 * 1024 * 1024
/** Twice the 40 px it is shown at, for dense screens. */
const SIZE = 80

const sha = (value: string | Buffer) => createHash('sha256').update(value).digest('hex').slice(0, 16)

/** Where an actor's picture is, if it names one by an http(s) address. */
export async function iconUrlOf(actor: Actor): Promise<string | null> {
  const icon = await actor.getIcon().catch(() => null)
  if (!(icon instanceof Image)) return null
  const url = icon.url
  return keptUrl(url instanceof URL ? url : url instanceof Link ? url.href : null)
}

/**
 * Gives an account's new responses its picture: the copy already made for it, else one made now. Returns the
 * stored path, or null (no picture, not an image, too large, unreachable: the drawn avatar stays).
 */
export async function copyAvatar(actorId: string, iconUrl: string | null): Promise<string | null> {
  const known =
    (
      await db.comment.findFirst({
        where: { remoteActorId: actorId, avatarPath: { not: null } },
        select: { avatarPath: true },
      })
    )?.avatarPath ??
    (await db.reaction.findFirst({ where: { actorId, avatarPath: { not: null } }, select: { avatarPath: true } }))
      ?.avatarPath ??
    (iconUrl ? await fetchAvatar(actorId, iconUrl) : null)
  if (!known) return null
  await db.comment.updateMany({ where: { remoteActorId: actorId, avatarPath: null }, data: { avatarPath: known } })
  await db.reaction.updateMany({ where: { actorId, avatarPath: null }, data: { avatarPath: known } })
  return known
}

async function fetchAvatar(actorId: string, iconUrl: string): Promise<string | null> {
  try {
    const response = await safeFetch(iconUrl, {
      headers: { accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif' },
      maxBytes: MAX_AVATAR_BYTES,
      limitPerHost: false,
    })
    if (response.status !== 200 || response.truncated) return null
    const webp = await sharp(response.bytes, { limitInputPixels: 25_000_000, animated: false })
      .resize(SIZE, SIZE, { fit: 'cover' })
      .webp({ quality: 80 })
      .toBuffer()
    // Named by whose and by content: a changed picture is a new address (media is served as immutable).
    const path = `avatars/${sha(actorId)}-${sha(webp)}.webp`
    const full = resolveMediaPath(path)
    if (!full) return null
    await mkdir(dirname(full), { recursive: true })
    await writeFile(`${full}.part`, webp)
    await rename(`${full}.part`, full)
    return path
  } catch {
    // Not an image sharp reads, or the fetch failed: the drawn avatar stays.
    return null
  }
}
