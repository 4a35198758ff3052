'use server'
// Uploading and deleting media (any signed-in author may upload; deleting is the uploader's or an ADMIN's).
import { unlink } from 'node:fs/promises'
import { z } from 'zod'
import { refresh } from 'next/cache'
import { db } from '@/lib/db'
import { requireUser } from '@/lib/auth/session'
import { formAction } from '@/lib/auth/form-action'
import { ForbiddenError } from '@/lib/errors'
import type { FormState } from '@/lib/form-state'
import { resolveMediaPath, storeImage } from './storage'
import { isRemoteMedia } from './url'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache/tags'

/** The upload form's state: the alt text typed, errors beside the file and the alt text. */
export type UploadState = FormState<{ alt: string }, 'file' | 'alt'>

const uploadSchema = z.object({
  alt: z
    .string()
    .trim()
    .min(1, 'Describe the image for people who cannot see it')
    .max(300, 'Keep the description under 300 characters'),
  file: z.custom<File>((file) => file instanceof File && file.size > 0, 'Choose an image to upload'),
})

export const uploadMedia = formAction(
  {
    role: 'AUTHOR',
    callbackUrl: '/admin/media',
    schema: uploadSchema,
    input: (values, formData) => ({ alt: values.alt ?? '', file: formData.get('file') }),
    keep: (values) => ({ alt: values.alt ?? '' }),
  },
  async ({ user, data: { alt, file } }): Promise<UploadState> => {
    // MediaError (not an image, too large) is shown beside the file field.
    const stored = await storeImage(Buffer.from(await file.arrayBuffer()), file.name)
    await db.media.upsert({
      where: { path: stored.path },
      create: { ...stored, variants: JSON.stringify(stored.variants), alt, uploaderId: user.id },
      update: { alt },
    })
    return { ok: true, message: `Uploaded “${alt}”.`, values: { alt: '' } }
  },
)

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
