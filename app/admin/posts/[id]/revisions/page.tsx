import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { TextDiff } from '@/components/admin/text-diff'
import { canEditPost } from '@/lib/auth/roles'
import { requireUser } from '@/lib/auth/session'
import { getEditablePost, listRevisions } from '@/lib/posts/admin-queries'
import { restoreRevision } from '@/lib/posts/actions'
import { getSettings } from '@/lib/settings/queries'
import { formatDateTime } from '@/lib/format'
import { firstParam } from '@/lib/search-params'

export const metadata: Metadata = { title: 'Revisions' }

export default async function RevisionsPage(props: PageProps<'/admin/posts/[id]/revisions'>) {
  const [{ id }, search] = await Promise.all([props.params, props.searchParams])
  const user = await requireUser(`/admin/posts/${id}/revisions`)
  const post = await getEditablePost(id)
  if (!post || !canEditPost(user, post)) notFound()
  const [revisions, settings] = await Promise.all([listRevisions(id), getSettings()])
  const compareId = firstParam(search.compare)
  const selected = revisions.find((r) => r.id === compareId) ?? revisions[0]
  return (
    <>
      <p>
        <Link href={`/admin/posts/${id}`}>← Back to the editor</Link>
      </p>
      <h1>Revisions of “{post.title}”</h1>
      {revisions.length === 0 ? (
        <p>No earlier versions yet. Each save of a published post keeps the version it replaces.</p>
      ) : (
        <div className="editor">
          <div className="stack">
            {selected && (
              <>
                <h2>
                  Changes since {formatDateTime(selected.createdAt, settings)} (saved by{' '}
                  {selected.author?.name ?? 'someone'})
                </h2>
                <h3>Title</h3>
                <TextDiff before={selected.title} after={post.title} />
                <h3>Body</h3>
                <TextDiff before={selected.source} after={post.source} />
                <form action={restoreRevision.bind(null, id, selected.id)}>
                  <button type="submit">Restore this version</button>
                </form>
              </>
            )}
          </div>
          <nav aria-label="Revisions">
            <ol className="stack">
              {revisions.map((r) => (
                <li key={r.id}>
                  <Link
                    href={`/admin/posts/${id}/revisions?compare=${r.id}`}
                    aria-current={r.id === selected?.id ? 'true' : undefined}
                  >
                    {formatDateTime(r.createdAt, settings)}
                  </Link>
                  <br />
                  <span className="muted">{r.title}</span>
                </li>
              ))}
            </ol>
          </nav>
        </div>
      )}
    </>
  )
}
