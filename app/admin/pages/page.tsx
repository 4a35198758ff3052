import type { Metadata } from 'next'
import { PostListView } from '@/components/admin/post-list-view'

export const metadata: Metadata = { title: 'Pages' }

export default function AdminPagesPage(props: PageProps<'/admin/pages'>) {
  return <PostListView type="PAGE" searchParams={props.searchParams} />
}
