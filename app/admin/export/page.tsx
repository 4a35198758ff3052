import type { Metadata } from 'next'
import { requireRole } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Export' }

export default async function ExportPage() {
  await requireRole('ADMIN', '/admin/export')
  return (
    <>
      <h1>Export and backup</h1>
      <ul className="stack">
        <li>
          <a href="/admin/export/wxr" download>
            Download a WordPress export (WXR)
          </a>{' '}
          — posts, pages, tags and every comment, trackback and pingback with its status and thread; WordPress’s
          importer reads it.
        </li>
        <li>
          <a href="/admin/export/json" download>
            Download everything as JSON
          </a>{' '}
          — also Markdown sources, revisions, settings and users (without password hashes).
        </li>
      </ul>
      <p className="muted">
        For a full copy of the database, run <code>npm run backup</code> on the server: it is safe while the blog is
        running.
      </p>
    </>
  )
}
