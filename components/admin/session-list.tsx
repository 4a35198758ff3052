// The profile's list of signed-in browsers, and the buttons that sign them out.
import { endSessions } from '@/lib/users/actions'
import { formatDateTime } from '@/lib/format'
import { AdminTable } from './admin-table'

interface Props {
  sessions: { id: string; createdAt: Date; lastSeenAt: Date; userAgent: string | null; ip: string | null }[]
  currentId: string | null
  timezone: string
  locale: string
}

/** The browsers signed in as this user, and the buttons that sign them out. */
export function SessionList({ sessions, currentId, timezone, locale }: Props) {
  return (
    <section className="stack" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <AdminTable columns={['Browser', 'Address', 'Signed in', 'Last seen']}>
        {sessions.map((s) => (
          <tr key={s.id}>
            <td>
              {describeAgent(s.userAgent)}
              {s.id === currentId && <strong> (this browser)</strong>}
            </td>
            <td>{s.ip ?? '—'}</td>
            <td>{formatDateTime(s.createdAt, { timezone, locale })}</td>
            <td>{formatDateTime(s.lastSeenAt, { timezone, locale })}</td>
          </tr>
        ))}
      </AdminTable>
      <div className="editor-actions">
        <form action={endSessions.bind(null, 'others')}>
          <button type="submit" className="secondary">
            Sign out everywhere else
          </button>
        </form>
        <form action={endSessions.bind(null, 'all')}>
          <button type="submit" className="secondary">
            Sign out everywhere
          </button>
        </form>
      </div>
    </section>
  )
}

function describeAgent(agent: string | null): string {
  if (!agent) return 'Unknown browser'
  const browser =
    /Firefox\/|Edg\/|Chrome\/|Safari\//.exec(agent)?.[0]?.replace('/', '').replace('Edg', 'Edge') ?? 'Browser'
  const system = /Windows|Mac OS X|Android|iPhone|iPad|Linux/.exec(agent)?.[0]?.replace('Mac OS X', 'macOS') ?? ''
  return system ? `${browser} on ${system}` : browser
}
