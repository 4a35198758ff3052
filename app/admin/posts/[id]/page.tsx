import type { Metadata } from 'next'
import { EditorPage } from '@/components/admin/editor-page'
import { firstParam } from '@/lib/search-params'

export const metadata: Metadata = { title: 'Edit' }

export default async function EditPostPage(props: PageProps<'/admin/posts/[id]'>) {
  const [{ id }, search] = await Promise.all([props.params, props.searchParams])
  const notices = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, firstParam(v)]))
  return <EditorPage id={id} type="POST" notices={notices} />
}
