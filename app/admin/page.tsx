import type { Metadata } from 'next'
import Link from 'next/link'
import { QueueItem } from '@/components/admin/queue-item'
import { requireUser } from '@/lib/auth/session'
import { listAdminPosts } from '@/lib/posts/admin-queries'
import { countResponses, listResponses } from '@/lib/comments/admin-queries'
import { getSettings } from '@/lib/settings/queries'

export const metadata: Metadata = { title: 'Dashboard' }

export default async function DashboardPage() {
  const user = await requireUser('/admin')
  const [{ counts }, responses, pending, settings] = await Promise.all([
    listAdminPosts(user, { type: 'POST', status: 'all', page: 1 }),
    countResponses(user),
    listResponses(user, { status: 'PENDING', take: 5 }),
    getSettings(),
  ])
  const cards = [
    { label: 'Published', value: counts.published, href: '/admin/posts?status=published' },
    { label: 'Scheduled', value: counts.scheduled, href: '/admin/posts?status=scheduled' },
    { label: 'Drafts', value: counts.draft, href: '/admin/posts?status=draft' },
    { label: 'Comments pending', value: responses.pendingComments, href: '/admin/comments' },
    { label: 'Mentions pending', value: responses.pendingMentions, href: '/admin/comments?kind=mentions' },
    { label: 'Spam caught', value: responses.spam + responses.blocked, href: '/admin/comments?status=spam' },
  ]
  return (
    <>
      <h1>Dashboard</h1>
      <p>
        <Link className="button" href="/admin/posts/new">
          Write a post
        </Link>{' '}
        <Link href="/admin/pages/new">New page</Link>
      </p>
      <ul className="cards" aria-label="At a glance">
        {cards.map((c) => (
          <li key={c.label} className="card">
            <Link href={c.href}>
              <span className="figure">{c.value}</span> {c.label}
            </Link>
          </li>
        ))}
      </ul>
      <h2>Waiting for you</h2>
      {pending.length === 0 ? (
        <p>Nothing is waiting.</p>
      ) : (
        <form>
          <ul className="stack queue">
            {pending.map((item) => (
              <QueueItem
                key={item.id}
                item={item}
                timezone={settings.timezone}
                locale={settings.locale}
                selectable={false}
              />
            ))}
          </ul>
        </form>
      )}
      <p>
        <Link href="/admin/comments">All comments and mentions →</Link>
      </p>
    </>
  )
}
