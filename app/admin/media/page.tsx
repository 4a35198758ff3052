import type { Metadata } from 'next'
import { UploadForm } from '@/components/admin/upload-form'
import { requireUser } from '@/lib/auth/session'
import { deleteMedia } from '@/lib/media/actions'
import { listMedia } from '@/lib/media/queries'

export const metadata: Metadata = { title: 'Media' }

export default async function MediaPage() {
  const user = await requireUser('/admin/media')
  const media = await listMedia()
  return (
    <>
      <h1>Media</h1>
      <UploadForm />
      <h2>Library</h2>
      {media.length === 0 ? (
        <p>No images yet.</p>
      ) : (
        <ul className="media-grid">
          {media.map((m) => (
            <li key={m.id} className="card">
              {/* eslint-disable-next-line @next/next/no-img-element -- our own responsive sizes, no optimizer needed */}
              <img src={m.variants[0] ? `/media/${m.variants[0].path}` : m.url} alt={m.alt} loading="lazy" />
              <p>{m.alt}</p>
              <p className="muted">
                {m.width}×{m.height} · {Math.round(m.size / 1024)} KB
              </p>
              <p>
                <code>{m.html}</code>
              </p>
              {(user.role === 'ADMIN' || m.uploaderId === user.id) && (
                <form action={deleteMedia.bind(null, m.id)}>
                  <button type="submit" className="secondary">
                    Delete<span className="visually-hidden"> {m.alt}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
