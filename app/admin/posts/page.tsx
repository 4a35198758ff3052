import type { Metadata } from 'next'
import { PostListView } from '@/components/admin/post-list-view'

export const metadata: Metadata = { title: 'Posts' }

export default function AdminPostsPage(props: PageProps<'/admin/posts'>) {
  return <PostListView type="POST" searchParams={props.searchParams} />
}
