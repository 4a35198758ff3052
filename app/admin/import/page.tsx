import type { Metadata } from 'next'
import { ImportForm } from '@/components/admin/import-form'
import { requireRole } from '@/lib/auth/session'
import { env } from '@/lib/env'

export const metadata: Metadata = { title: 'Import' }

export default async function ImportPage() {
  await requireRole('ADMIN', '/admin/import')
  return (
    <>
      <h1>Import from WordPress</h1>
      <p>
        In WordPress, go to <strong>Tools → Export</strong>, choose <strong>All content</strong> and download the file.
        Upload it here: posts, pages, tags and categories, authors, every comment with its thread, trackbacks and
        pingbacks come across, and the old addresses of your posts redirect to their new ones.
      </p>
      <ul className="muted">
        <li>Importing the same file again changes nothing; a newer export of the same blog adds only what is new.</li>
        <li>Imported authors get accounts without a password: reset one on the Users page to let them sign in.</li>
        <li>Categories become tags. Images are copied into the media library when the old site can be reached.</li>
        <li>
          Files up to {Math.round(env.IMPORT_MAX_BYTES / 1024 / 1024)} MB; for larger ones run{' '}
          <code>npm run import:wxr -- file.xml</code> on the server.
        </li>
      </ul>
      <ImportForm />
    </>
  )
}
