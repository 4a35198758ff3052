import type { Metadata } from 'next'
import { EditorPage } from '@/components/admin/editor-page'

export const metadata: Metadata = { title: 'Write a post' }

export default function NewPostPage() {
  return <EditorPage id={null} type="POST" notices={{}} />
}
