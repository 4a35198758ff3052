// Reports sent by other servers (ActivityPub Flags), above the comment queue until the author dismisses them.
import { db } from '@/lib/db'
import { formatDateTime } from '@/lib/format'
import { dismissReport } from '@/lib/federation/actions'
import type { PublicSettings } from '@/lib/settings/queries'

export async function FediverseReports({ settings }: { settings: PublicSettings }) {
  const reports = await db.report.findMany({ where: { resolvedAt: null }, orderBy: { createdAt: 'desc' }, take: 50 })
  if (reports.length === 0) return null
  return (
    <section aria-labelledby="reports-heading" className="notice">
      <h2 id="reports-heading">Reports from the fediverse ({reports.length})</h2>
      <ul className="stack">
        {reports.map((report) => {
          const objects = parseObjects(report.objects)
          return (
            <li key={report.id}>
              <p>
                <strong>{report.actorHandle}</strong> reported{' '}
                {objects.length === 0
                  ? 'something here'
                  : objects.map((url, i) => (
                      <span key={url}>
                        {i > 0 && ', '}
                        <a href={url} rel="nofollow noopener">
                          {url}
                        </a>
                      </span>
                    ))}{' '}
                <span className="muted">· {formatDateTime(report.createdAt, settings)}</span>
              </p>
              {report.content && <blockquote>{report.content}</blockquote>}
              <form action={dismissReport.bind(null, report.id)}>
                <button type="submit" className="secondary">
                  Dismiss<span className="visually-hidden"> the report from {report.actorHandle}</span>
                </button>
              </form>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function parseObjects(json: string): string[] {
  try {
    const list = JSON.parse(json) as unknown
    return Array.isArray(list)
      ? list.filter((url): url is string => typeof url === 'string' && /^https?:\/\//.test(url))
      : []
  } catch {
    return []
  }
}
