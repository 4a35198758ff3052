import { notFound, permanentRedirect } from 'next/navigation'
import { findRedirect } from '@/lib/posts/queries'
import { findImportedMedia } from '@/lib/media/queries'

// Addresses no route of Daisy's matches (next.config.mjs sends them here as a fallback rewrite, and proxy.ts
// sends WordPress's `/?p=N` shortlinks as /moved/_q/p=N): old permalinks of imported posts answer 308, and
// old /wp-content/uploads/ addresses the stored copy of the file.
export function generateStaticParams() {
  return [{ path: ['_'] }]
}

export default async function MovedPage(props: PageProps<'/moved/[...path]'>) {
  const { path } = await props.params
  const [first, ...rest] = path
  const old = first === '_q' && rest.length === 1 ? `/?${decodeURIComponent(rest[0]!)}` : `/${path.map((s) => decodeURIComponent(s)).join('/')}`
  // Images and files of the old blog, where the import stored a copy.
  const target = old.startsWith('/wp-content/uploads/') ? await findImportedMedia(old) : await findRedirect(old)
  if (target) permanentRedirect(target)
  notFound()
}
