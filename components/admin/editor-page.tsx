import Link from 'next/link'
import { notFound } from 'next/navigation'
import { canEditPost } from '@/lib/auth/roles'
import { requireUser } from '@/lib/auth/session'
import { getEditablePost } from '@/lib/posts/admin-queries'
import { listMediaChoices } from '@/lib/media/queries'
import { getSettings } from '@/lib/settings/queries'
import { zoneOffset } from '@/lib/time-zone'
import { makeExcerpt } from '@/lib/content/markdown'
import { restorePost, trashPost, deletePostForever } from '@/lib/posts/actions'
import { PostEditor, type EditorPost } from './post-editor'
import { OutgoingPings } from './outgoing-pings'

/** "2030-01-02T09:30" for <input type="datetime-local">, in the site's time zone. */
function toLocalInput(date: Date | null, timezone: string): string {
  if (!date) return ''
  return new Date(date.getTime() + zoneOffset(date, timezone)).toISOString().slice(0, 16)
}

/** The editor for a new post or page, or an existing one the user may edit. */
export async function EditorPage({
  id,
  type,
  notices,
}: {
  id: string | null
  type: 'POST' | 'PAGE'
  notices: Record<string, string | undefined>
}) {
  const user = await requireUser(id ? `/admin/posts/${id}` : type === 'PAGE' ? '/admin/pages/new' : '/admin/posts/new')
  const existing = id ? await getEditablePost(id) : null
  if (id && (!existing || !canEditPost(user, existing))) notFound()
  const [{ timezone }, media] = await Promise.all([getSettings(), listMediaChoices()])
  const kind = (existing?.type ?? type) === 'PAGE' ? 'page' : 'post'
  const now = new Date()
  const live = existing && existing.status !== 'DRAFT' && existing.publishedAt && existing.publishedAt <= now
  const post: EditorPost = {
    id: existing?.id ?? null,
    type: existing?.type ?? type,
    status: !existing ? 'DRAFT' : existing.status === 'SCHEDULED' && live ? 'PUBLISHED' : existing.status,
    title: existing?.title ?? '',
    slug: existing?.slug ?? '',
    format: existing?.format ?? 'MARKDOWN',
    source: existing?.source ?? '',
    password: existing?.password ?? '',
    // An excerpt made from the body is not shown as if the author had written it (it would freeze on save).
    excerpt: existing && existing.excerpt !== makeExcerpt(existing.plainText) ? existing.excerpt : '',
    tags: existing?.tags.map((t) => t.name).join(', ') ?? '',
    commentsOpen: existing?.commentsOpen ?? true,
    pingsOpen: existing?.pingsOpen ?? true,
    featuredImageId: existing?.featuredImageId ?? '',
    publishAt:
      existing?.status === 'SCHEDULED'
        ? toLocalInput(existing.publishedAt, timezone)
        : toLocalInput(new Date(now.getTime() + 3600_000), timezone),
    publicUrl:
      existing && live && !existing.deletedAt
        ? existing.type === 'PAGE'
          ? `/${existing.slug}`
          : `/posts/${existing.slug}`
        : null,
  }
  return (
    <>
      <h1>{existing ? `Edit ${kind}` : `New ${kind}`}</h1>
      {notices.saved && (
        <p className="notice success" role="status">
          Saved.
        </p>
      )}
      {notices.restored && (
        <p className="notice success" role="status">
          Restored from the trash.
        </p>
      )}
      {notices.restoredRevision && (
        <p className="notice success" role="status">
          The earlier version is back; the one it replaced is kept as a revision.
        </p>
      )}
      {existing?.deletedAt ? (
        <div className="notice">
          <p>This {kind} is in the trash.</p>
          <form action={restorePost.bind(null, existing.id)}>
            <button type="submit">Restore</button>
          </form>
          <form action={deletePostForever.bind(null, existing.id)} className="stack">
            <label className="checkbox">
              <input type="checkbox" name="confirm" value="yes" required /> Yes, delete it and its comments for good
            </label>
            <button type="submit" className="danger">
              Delete permanently
            </button>
          </form>
        </div>
      ) : (
        <PostEditor post={post} media={media} timezone={timezone} />
      )}
      {existing && <OutgoingPings postId={existing.id} timezone={timezone} />}
      {existing && !existing.deletedAt && (
        <div className="editor-actions" style={{ marginTop: '2rem' }}>
          <Link href={`/admin/posts/${existing.id}/revisions`}>Revisions</Link>
          <form action={trashPost.bind(null, existing.id)}>
            <button type="submit" className="secondary">
              Move to trash
            </button>
          </form>
        </div>
      )}
    </>
  )
}
