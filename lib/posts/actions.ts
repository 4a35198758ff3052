'use server'
// Writes on posts and pages from the admin area: authorize → parse → write → revalidate → answer.
import { z } from 'zod'
import { redirect } from 'next/navigation'
import { after } from 'next/server'
import { processOutgoingPings, queueOutgoingPings } from '@/lib/mentions/send'
import { db } from '@/lib/db'
import { expireTags } from '@/lib/cache'
import { tags as cacheTags } from '@/lib/cache/tags'
import { renderMarkdown } from '@/lib/content/markdown'
import { renderHtmlBody } from '@/lib/content/html'
import { renderStoredPost } from './render'
import { requireUser } from '@/lib/auth/session'
import { canEditPost } from '@/lib/auth/roles'
import { formAction } from '@/lib/auth/form-action'
import { AppError, ForbiddenError, InvalidInputError, NotFoundError } from '@/lib/errors'
import { getSettings } from '@/lib/settings/queries'
import { postInputSchema, type PostFormState } from './schema'
import { savePost } from './save'
import { formValues } from '@/lib/form-state'
import { queuePostDelivery } from '@/lib/federation/publish'

/** Save from the editor. `postId` is null for a new post; the session decides what may be saved. */
export const savePostAction = formAction(
  {
    role: 'AUTHOR',
    callbackUrl: (postId: string | null) => (postId ? `/admin/posts/${postId}` : '/admin/posts/new'),
    schema: postInputSchema,
    invalid: 'Nothing was saved: check the fields marked below.',
  },
  async ({ user, data, values }, postId: string | null): Promise<PostFormState> => {
    let result
    try {
      const { timezone } = await getSettings()
      result = await savePost(user, postId, data, { timezone })
    } catch (error) {
      // A refusal (PostInputError, ForbiddenError) is formAction's to show; a failure keeps the text too.
      if (error instanceof AppError) throw error
      console.error('savePost failed', error)
      return {
        errors: { form: ['The post could not be saved. Your text is still here; try again.'] },
        values,
        message: 'Saving failed.',
      }
    }
    expireTags(result.touched)
    // Followers on the fediverse hear of it (published now, later when scheduled, an edit, or taken back).
    await queuePostDelivery(result.id)
    if (result.status !== 'DRAFT') {
      await queueOutgoingPings(result.id, data.trackbacks)
      after(() => processOutgoingPings())
    }
    if (!postId) redirect(`/admin/posts/${result.id}?saved=1`)
    const label = { DRAFT: 'Draft saved', SCHEDULED: 'Scheduled', PUBLISHED: 'Published' }[result.status]
    return {
      ok: true,
      message: `${label}.`,
      values: { ...values, slug: result.slug },
      savedAt: new Date().toISOString(),
    }
  },
)

/** Autosave: drafts only (a published post changes publicly only when the author says so). */
export async function autosaveDraft(
  postId: string | null,
  formData: FormData,
): Promise<{ ok: boolean; id?: string; savedAt?: string; message?: string }> {
  const user = await requireUser()
  const parsed = postInputSchema.safeParse({ ...formValues(formData), intent: 'draft' })
  if (!parsed.success) return { ok: false, message: 'Not autosaved yet: the post needs a title.' }
  if (postId) {
    const post = await db.post.findUnique({ where: { id: postId }, select: { status: true, authorId: true } })
    if (!post || !canEditPost(user, post)) return { ok: false, message: 'Not autosaved: you cannot edit this post.' }
    if (post.status !== 'DRAFT')
      return { ok: false, message: 'Autosave is for drafts; save to update the published post.' }
  }
  try {
    const { timezone } = await getSettings()
    const result = await savePost(user, postId, parsed.data, { timezone, onlyIfDraft: true })
    expireTags(result.touched)
    return { ok: true, id: result.id, savedAt: new Date().toISOString() }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? `Not autosaved: ${error.message}` : 'Not autosaved.' }
  }
}

/** The editor's preview: the same renderer and sanitizer the public page uses. */
export async function previewMarkdown(source: string, format: 'MARKDOWN' | 'HTML' = 'MARKDOWN'): Promise<string> {
  await requireUser()
  const text = z.string().max(500_000).parse(source)
  return z.enum(['MARKDOWN', 'HTML']).parse(format) === 'HTML' ? renderHtmlBody(text) : renderMarkdown(text)
}

async function loadEditable(postId: string) {
  const user = await requireUser()
  const post = await db.post.findUnique({ where: { id: postId }, include: { tags: { select: { slug: true } } } })
  if (!post) throw new NotFoundError('This post no longer exists.')
  if (!canEditPost(user, post)) throw new ForbiddenError('You can only change your own posts.')
  return {
    user,
    post,
    touched: [cacheTags.posts, cacheTags.post(post.slug), ...post.tags.map((t) => cacheTags.tag(t.slug))],
  }
}

/** Move to the trash: the post leaves the site but can be restored. */
export async function trashPost(postId: string): Promise<void> {
  const { post, touched } = await loadEditable(postId)
  await db.post.update({ where: { id: post.id }, data: { deletedAt: new Date() } })
  expireTags(touched)
  await queuePostDelivery(post.id)
  redirect(`/admin/${post.type === 'PAGE' ? 'pages' : 'posts'}?trashed=1`)
}

export async function restorePost(postId: string): Promise<void> {
  const { post, touched } = await loadEditable(postId)
  await db.post.update({ where: { id: post.id }, data: { deletedAt: null } })
  expireTags(touched)
  await queuePostDelivery(post.id)
  redirect(`/admin/posts/${post.id}?restored=1`)
}

/** Delete for good, from the trash only, with its comments and revisions. */
export async function deletePostForever(postId: string, formData: FormData): Promise<void> {
  const { post, touched } = await loadEditable(postId)
  if (!post.deletedAt) throw new InvalidInputError('Move the post to the trash first.')
  if (formData.get('confirm') !== 'yes') throw new InvalidInputError('Deleting needs confirmation.')
  await db.post.delete({ where: { id: post.id } })
  expireTags([...touched, cacheTags.comments(post.id)])
  await queuePostDelivery(post.id)
  redirect(`/admin/${post.type === 'PAGE' ? 'pages' : 'posts'}?status=trash&deleted=1`)
}

/** Bring back an earlier version; the current one becomes a revision itself. */
export async function restoreRevision(postId: string, revisionId: string): Promise<void> {
  const { user, post, touched } = await loadEditable(postId)
  const revision = await db.revision.findFirst({ where: { id: revisionId, postId } })
  if (!revision) throw new NotFoundError('That revision no longer exists.')
  const rendered = await renderStoredPost({
    format: post.format,
    source: revision.source,
    excerpt: revision.excerpt,
    password: post.password,
  })
  await db.$transaction([
    db.revision.create({
      data: { postId, title: post.title, source: post.source, excerpt: post.excerpt, authorId: user.id },
    }),
    db.post.update({
      where: { id: postId },
      data: {
        title: revision.title,
        source: revision.source,
        html: rendered.html,
        plainText: rendered.plainText,
        excerpt: rendered.excerpt,
        wordCount: rendered.wordCount,
      },
    }),
  ])
  expireTags(touched)
  redirect(`/admin/posts/${postId}?restoredRevision=1`)
}
