import type { ReactNode } from 'react'
import type { Metadata } from 'next'
import { AdminTable } from '@/components/admin/admin-table'
import { requireRole } from '@/lib/auth/session'
import { db } from '@/lib/db'
import { getAllSettings, getSiteUrl } from '@/lib/settings/queries'
import { formatDateTime } from '@/lib/format'
import {
  acceptFollower,
  blockFollower,
  cancelMove,
  removeFollower,
  retryInstance,
  unblock,
} from '@/lib/federation/actions'
import { BLOG_ACTOR } from '@/lib/federation/paths'
import { recentFailures } from '@/lib/federation/failures'
import { failingInstances } from '@/lib/federation/instances'
import { BlockForm, BlocklistImportForm, MoveForm } from '@/components/admin/fediverse-forms'

export const metadata: Metadata = { title: 'Fediverse' }

/**
 * The blog's fediverse account: its handle, follows waiting for approval, who follows it (remove, block), blocked
 * accounts and instances, instances that stopped answering, deliveries waiting and failed, moving the account.
 */
export default async function FediversePage() {
  await requireRole('ADMIN', '/admin/fediverse')
  const [settings, siteUrl, followers, count, pending, blocks, instances, waiting, failures] = await Promise.all([
    // Read as stored (the move and the approval switch change what this page shows).
    getAllSettings(),
    getSiteUrl(),
    db.follower.findMany({ where: { status: 'ACCEPTED' }, orderBy: { createdAt: 'desc' }, take: 200 }),
    db.follower.count({ where: { status: 'ACCEPTED' } }),
    db.follower.findMany({ where: { status: { not: 'ACCEPTED' } }, orderBy: { createdAt: 'asc' }, take: 200 }),
    db.block.findMany({ orderBy: { createdAt: 'desc' } }),
    failingInstances(),
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
        where: {
          id: { in: [...new Set([...followers, ...pending].map((f) => f.actor).filter((a) => a !== BLOG_ACTOR))] },
        },
        select: { id: true, name: true },
      })
    ).map((user) => [user.id, user.name]),
  )
  const follows = ({ actor }: { actor: string }) =>
    actor === BLOG_ACTOR ? 'The blog' : (authors.get(actor) ?? 'An author')
  return (
    <>
      <h1>Fediverse</h1>
      <p>
        The blog’s account is <code>{`@${settings.fediverseHandle}@${new URL(siteUrl).host}`}</code> (change the handle
        in Settings). Posts go to its followers when they are published, edited or taken back; replies, mentions, likes
        and boosts come back under the posts, replies and mentions through the comment queue.
      </p>
      {settings.fediverseMovedTo && (
        <div className="notice">
          <p>
            This account has moved to <code>{settings.fediverseMovedTo}</code>: it says so to every server that asks,
            and its followers were sent a Move.
            {settings.siteMovedTo && (
              <>
                {' '}
                The blog’s pages redirect to <code>{settings.siteMovedTo}</code>.
              </>
            )}
          </p>
          <form action={cancelMove}>
            <button type="submit" className="secondary">
              Take the move back
            </button>
          </form>
        </div>
      )}
      {(pending.length > 0 || settings.fediverseApproveFollowers) && (
        <>
          <h2>Waiting for approval ({pending.length})</h2>
          {pending.length === 0 ? (
            <p>No follow is waiting. New follows wait here while “Approve followers” is on in Settings.</p>
          ) : (
            <AdminTable columns={['Account', 'Follows', 'Asked', '']}>
              {pending.map((follower) => (
                <FollowerRow
                  key={follower.id}
                  follower={follower}
                  follows={follows(follower)}
                  since={when(follower.createdAt)}
                >
                  <form action={acceptFollower.bind(null, follower.id)}>
                    <button type="submit">
                      Accept<span className="visually-hidden"> {follower.handle}</span>
                    </button>
                  </form>
                  <form action={removeFollower.bind(null, follower.id)}>
                    <button type="submit" className="secondary">
                      Reject<span className="visually-hidden"> {follower.handle}</span>
                    </button>
                  </form>
                </FollowerRow>
              ))}
            </AdminTable>
          )}
        </>
      )}
      <h2>Followers ({count})</h2>
      {followers.length === 0 ? (
        <p>Nobody follows the blog yet.</p>
      ) : (
        <AdminTable columns={['Follower', 'Follows', 'Since', '']}>
          {followers.map((follower) => (
            <FollowerRow
              key={follower.id}
              follower={follower}
              follows={follows(follower)}
              since={when(follower.createdAt)}
            >
              <form action={removeFollower.bind(null, follower.id)}>
                <button type="submit" className="secondary">
                  Remove<span className="visually-hidden"> {follower.handle}</span>
                </button>
              </form>
              <form action={blockFollower.bind(null, follower.id)}>
                <button type="submit" className="secondary">
                  Block<span className="visually-hidden"> {follower.handle}</span>
                </button>
              </form>
            </FollowerRow>
          ))}
        </AdminTable>
      )}
      <h2>Blocked accounts and instances ({blocks.length})</h2>
      <p>
        A blocked account or instance cannot deliver anything to the blog, follows it no more, and what it said here is
        hidden (in the spam tab). A blocked instance’s comments, pingbacks and webmentions are refused too.
      </p>
      <BlockForm />
      {blocks.length > 0 && (
        <AdminTable columns={['Blocked', 'Reason', 'Since', '']}>
          {blocks.map((block) => (
            <tr key={block.id}>
              <td>
                {block.kind === 'DOMAIN' ? 'Instance ' : 'Account '}
                <code>{block.value}</code>
              </td>
              <td>{block.reason || <span className="muted">—</span>}</td>
              <td>{when(block.createdAt)}</td>
              <td>
                <form action={unblock.bind(null, block.id)}>
                  <button type="submit" className="secondary">
                    Unblock<span className="visually-hidden"> {block.value}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <BlocklistImportForm />
      <p>
        <a href="/admin/fediverse/domain-blocks.csv" download>
          Export the blocked instances
        </a>{' '}
        as Mastodon’s domain_blocks.csv.
      </p>
      <h2>Instances not answering ({instances.length})</h2>
      {instances.length === 0 ? (
        <p>Every instance the blog sends to answers.</p>
      ) : (
        <AdminTable columns={['Instance', 'State', 'Last error', '']}>
          {instances.map((instance) => (
            <tr key={instance.host}>
              <td>{instance.host}</td>
              <td>
                {instance.deadSince
                  ? `Dead since ${when(instance.deadSince)}: not sent to until it answers (checked daily)`
                  : `Failing since ${when(instance.failingSince ?? instance.updatedAt)}; still tried`}
              </td>
              <td className="muted">{instance.lastError}</td>
              <td>
                <form action={retryInstance.bind(null, instance.host)}>
                  <button type="submit" className="secondary">
                    Send to it again<span className="visually-hidden"> {instance.host}</span>
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
      <h2>Move the account</h2>
      <p>
        Moving the blog to a new address or another server? Make the new account first and have it name this one (
        <code>{new URL('/fediverse/blog', siteUrl).href}</code>) in its “also known as”; then move: every follower’s
        server is asked to follow the new account instead, and this one says where it went.
      </p>
      <MoveForm movedTo={settings.fediverseMovedTo} pagesTo={settings.siteMovedTo} />
    </>
  )
}

/** A follower (or one waiting): who, which of the blog's accounts, since when, and the buttons given. */
function FollowerRow({
  follower,
  follows,
  since,
  children,
}: {
  follower: { url: string | null; name: string; handle: string }
  follows: string
  since: string
  children: ReactNode
}) {
  return (
    <tr>
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
      <td>{follows}</td>
      <td>{since}</td>
      <td className="actions">{children}</td>
    </tr>
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
