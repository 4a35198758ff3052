import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { EditCommentForm, ReplyForm } from '@/components/admin/comment-edit-forms'
import { QueueItem } from '@/components/admin/queue-item'
import { requireUser } from '@/lib/auth/session'
import { editComment, replyAsAuthor } from '@/lib/comments/actions'
import { getQueueItem } from '@/lib/comments/admin-queries'
import { getSettings } from '@/lib/settings/queries'

export const metadata: Metadata = { title: 'Comment' }

export default async function CommentPage(props: PageProps<'/admin/comments/[id]'>) {
  const { id } = await props.params
  const user = await requireUser(`/admin/comments/${id}`)
  const [item, settings] = await Promise.all([getQueueItem(user, id), getSettings()])
  if (!item) notFound()
  return (
    <>
      <p>
        <Link href={`/admin/comments?status=${item.status.toLowerCase()}`}>← Back to the queue</Link>
      </p>
      <h1>Comment on “{item.post.title}”</h1>
      <form>
        <ul className="stack queue">
          <QueueItem item={item} timezone={settings.timezone} locale={settings.locale} selectable={false} />
        </ul>
      </form>
      <ReplyForm action={replyAsAuthor.bind(null, item.id)} to={item.authorName} />
      <EditCommentForm
        action={editComment.bind(null, item.id)}
        comment={{
          authorName: item.authorName,
          authorEmail: item.authorEmail ?? '',
          authorUrl: item.authorUrl ?? '',
          content: item.content,
        }}
      />
    </>
  )
}
