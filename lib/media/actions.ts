'use server'
// Uploading and deleting media (any signed-in author may upload; deleting is the uploader's or an ADMIN's).
import { unlink } from 'node:fs/promises'
import { z } from 'zod'
import { refresh } from 'next/cache'
import { db } from '@/lib/db'
import { ForbiddenError, requireUser } from '@/lib/auth/session'
import { MediaError, resolveMediaPath, storeImage } from './storage'
import { isRemoteMedia } from './url'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache-tags'

export interface UploadState {
  ok?: boolean
  message?: string
  errors?: { file?: string[]; alt?: string[] }
  values?: { alt: string }
}

const uploadSchema = z.object({
  alt: z
    .string()
    .trim()
    .min(1, 'Describe the image for people who cannot see it')
    .max(300, 'Keep the description under 300 characters'),
})

export async function uploadMedia(_prev: UploadState, formData: FormData): Promise<UploadState> {
  const user = await requireUser('/admin/media')
  const alt = String(formData.get('alt') ?? '')
  const parsed = uploadSchema.safeParse({ alt })
  const file = formData.get('file')
  const errors: UploadState['errors'] = {}
  if (!parsed.success) errors.alt = z.flattenError(parsed.error).fieldErrors.alt
  if (!(file instanceof File) || file.size === 0) errors.file = ['Choose an image to upload']
  if (errors.alt || errors.file) return { errors, values: { alt } }
  let stored
  try {
    stored = await storeImage(Buffer.from(await (file as File).arrayBuffer()), (file as File).name)
  } catch (error) {
    if (error instanceof MediaError) return { errors: { file: [error.message] }, values: { alt } }
    throw error
  }
  await db.media.upsert({
    where: { path: stored.path },
    create: { ...stored, variants: JSON.stringify(stored.variants), alt: parsed.data!.alt, uploaderId: user.id },
    update: { alt: parsed.data!.alt },
  })
  return { ok: true, message: `Uploaded “${parsed.data!.alt}”.`, values: { alt: '' } }
}

export async function deleteMedia(mediaId: string): Promise<void> {
  const user = await requireUser('/admin/media')
  const media = await db.media.findUnique({ where: { id: mediaId } })
  if (!media) return
  if (user.role !== 'ADMIN' && media.uploaderId !== user.id)
    throw new ForbiddenError('You can only delete your own uploads.')
  await db.media.delete({ where: { id: mediaId } })
  // An imported attachment that could not be fetched has no local file: its path is the original URL.
  const files = isRemoteMedia(media.path) ? [] : [media.path]
  for (const path of [...files, ...(JSON.parse(media.variants) as { path: string }[]).map((v) => v.path)]) {
    const full = resolveMediaPath(path)
    if (full) await unlink(full).catch(() => undefined)
  }
  // An imported file's old address may have pointed here.
  if (media.importKey) expireTags([tags.media])
  refresh()
}
