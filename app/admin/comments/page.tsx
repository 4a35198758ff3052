import type { Metadata } from 'next'
import { EmptyQueueForm, QueueList, QueueSearch, QueueTabs } from '@/components/admin/comment-queue'
import { QueueShortcuts } from '@/components/admin/queue-shortcuts'
import { requireUser } from '@/lib/auth/session'
import { listCommentedPosts, listQueue } from '@/lib/comments/admin-queries'
import { queueFilter } from '@/lib/comments/queue-params'
import { getSettings } from '@/lib/settings/queries'
import { hasRole } from '@/lib/auth/roles'
import { FediverseReports } from '@/components/admin/fediverse-reports'

export const metadata: Metadata = { title: 'Comments' }

export default async function CommentsPage(props: PageProps<'/admin/comments'>) {
  const user = await requireUser('/admin/comments')
  const filter = queueFilter(await props.searchParams)
  const [{ items, counts }, posts, settings] = await Promise.all([
    listQueue(user, filter),
    listCommentedPosts(user),
    getSettings(),
  ])
  return (
    <>
      <h1>Comments and mentions</h1>
      {hasRole(user, 'ADMIN') && <FediverseReports settings={settings} />}
      <QueueTabs filter={filter} counts={counts} />
      <QueueSearch filter={filter} posts={posts} />
      <QueueShortcuts />
      <QueueList status={filter.status} items={items} timezone={settings.timezone} locale={settings.locale} />
      <EmptyQueueForm status={filter.status} count={counts.status[filter.status] ?? 0} />
    </>
  )
}
