// The editor's table of the linkbacks a post sent: to which link, how, and what came back.
import { listOutgoingPings } from '@/lib/mentions/queries'
import { formatDateTime } from '@/lib/format'
import { AdminTable } from './admin-table'

const STATE = { QUEUED: 'waiting', RUNNING: 'sending', DONE: 'sent', FAILED: 'failed' } as const

/** Every linkback this post sent or will send: to which link, how, and what the other side said. */
export async function OutgoingPings({ postId, timezone }: { postId: string; timezone: string }) {
  const pings = await listOutgoingPings(postId)
  if (pings.length === 0) return null
  return (
    <section aria-labelledby="pings-heading" className="stack" style={{ marginTop: '2rem' }}>
      <h2 id="pings-heading">Linkbacks sent</h2>
      <AdminTable columns={['Link', 'How', 'State', 'Answer', 'When']}>
        {pings.map((p) => (
          <tr key={p.id}>
            <td>
              <a href={p.targetUrl}>{p.targetUrl}</a>
            </td>
            <td>
              {p.protocol === 'NONE' ? 'no endpoint' : (p.protocol?.toLowerCase() ?? '—')}
              {p.endpoint && <div className="muted">{p.endpoint}</div>}
            </td>
            <td>
              {STATE[p.status]}
              {p.attempts > 1 && ` (${p.attempts} tries)`}
            </td>
            <td className="muted">{p.response ?? ''}</td>
            <td>{formatDateTime(p.updatedAt, { timezone, locale: 'en-US' })}</td>
          </tr>
        ))}
      </AdminTable>
    </section>
  )
}
