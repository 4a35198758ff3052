import type { Metadata } from 'next'
import { AdminTable } from '@/components/admin/admin-table'
import { requireRole } from '@/lib/auth/session'
import { db } from '@/lib/db'
import { getSettings, getSiteUrl } from '@/lib/settings/queries'
import { formatDateTime } from '@/lib/format'
import { removeFollower } from '@/lib/federation/actions'
import { BLOG_ACTOR } from '@/lib/federation/paths'
import { recentFailures } from '@/lib/federation/failures'

export const metadata: Metadata = { title: 'Fediverse' }

/** The blog's fediverse account: its handle, who follows it (and removing one), deliveries waiting. */
export default async function FediversePage() {
  await requireRole('ADMIN', '/admin/fediverse')
  const [settings, siteUrl, followers, count, waiting, failures] = await Promise.all([
    getSettings(),
    getSiteUrl(),
    db.follower.findMany({ orderBy: { createdAt: 'desc' }, take: 200 }),
    db.follower.count(),
    db.job.findMany({
      where: { kind: { in: ['fediverse', 'fediverse-post'] }, status: { in: ['QUEUED', 'RUNNING'] } },
      orderBy: { runAfter: 'asc' },
      take: 20,
      select: { id: true, kind: true, runAfter: true, payload: true, attempts: true },
    }),
    recentFailures(),
  ])
  const when = (date: Date) => formatDateTime(date, settings)
  // Followers of an author's account say whose.
  const authors = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [...new Set(followers.map((f) => f.actor).filter((a) => a !== BLOG_ACTOR))] } },
        select: { id: true, name: true },
      })
    ).map((user) => [user.id, user.name]),
  )
  return (
    <>
      <h1>Fediverse</h1>
      <p>
        The blog’s account is <code>{`@${settings.fediverseHandle}@${new URL(siteUrl).host}`}</code> (change the handle
        in Settings). Posts go to its followers when they are published, edited or taken back; replies, mentions, likes
        and boosts come back under the posts, replies and mentions through the comment queue.
      </p>
      <h2>Followers ({count})</h2>
      {followers.length === 0 ? (
        <p>Nobody follows the blog yet.</p>
      ) : (
        <AdminTable columns={['Follower', 'Follows', 'Since', '']}>
          {followers.map((follower) => (
            <tr key={follower.id}>
              <td>
                {follower.url && /^https?:\/\//.test(follower.url) ? (
                  <a href={follower.url} rel="nofollow noopener">
                    {follower.name}
                  </a>
                ) : (
                  follower.name
                )}
                <br />
                <span className="muted">{follower.handle}</span>
              </td>
              <td>{follower.actor === BLOG_ACTOR ? 'The blog' : (authors.get(follower.actor) ?? 'An author')}</td>
              <td>{when(follower.createdAt)}</td>
              <td>
                <form action={removeFollower.bind(null, follower.id)}>
                  <button type="submit" className="secondary">
                    Remove<span className="visually-hidden"> {follower.handle}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <h2>Deliveries waiting ({waiting.length === 20 ? '20 or more' : waiting.length})</h2>
      {waiting.length === 0 ? (
        <p>Nothing is waiting to go out.</p>
      ) : (
        <ul>
          {waiting.map((job) => (
            <li key={job.id}>
              {describeJob(job.kind, job.payload)} <span className="muted">· {when(job.runAfter)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Deliveries that failed this week ({failures.length})</h2>
      {failures.length === 0 ? (
        <p>None: every server took what it was sent.</p>
      ) : (
        <AdminTable columns={['Instance', 'Last failure', 'What it said']}>
          {failures.map((failure) => (
            <tr key={failure.host}>
              <td>{failure.host}</td>
              <td>{when(new Date(failure.at))}</td>
              <td>
                {failure.permanent
                  ? `Gone for good (${failure.status}): its followers were removed.`
                  : failure.status
                    ? `Answered ${failure.status}; tried again later.`
                    : 'Could not be reached; tried again later.'}
                <br />
                <span className="muted">{failure.message}</span>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </>
  )
}

function describeJob(kind: string, payload: string): string {
  if (kind === 'fediverse-post') return 'A post to tell followers about'
  try {
    const task = JSON.parse(payload) as { type?: string; inbox?: string; attempt?: number }
    const tries = task.attempt ? ` (try ${task.attempt + 1})` : ''
    return task.inbox ? `Delivery to ${new URL(task.inbox).host}${tries}` : `Sending to followers${tries}`
  } catch {
    return 'A delivery'
  }
}
