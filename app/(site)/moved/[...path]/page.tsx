import { notFound, permanentRedirect } from 'next/navigation'
import { findMovedTarget } from '@/lib/posts/moved'
import { oldPath } from '@/lib/posts/redirect-path'

// Addresses no route of Daisy's matches (next.config.mjs sends them here as a fallback rewrite, and proxy.ts
// sends WordPress's `/?p=N` shortlinks as /moved/_q/p=N): old permalinks of imported posts answer 308, and
// old /wp-content/uploads/ addresses the stored copy of the file. Addresses with a trailing slash go to
// ../_slash instead.
export function generateStaticParams() {
  return [{ path: ['_'] }]
}

export default async function MovedPage(props: PageProps<'/moved/[...path]'>) {
  const { path } = await props.params
  const target = await findMovedTarget(oldPath(path))
  if (target) permanentRedirect(target)
  notFound()
}
