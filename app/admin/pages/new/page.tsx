import type { Metadata } from 'next'
import { EditorPage } from '@/components/admin/editor-page'

export const metadata: Metadata = { title: 'New page' }

export default function NewPagePage() {
  return <EditorPage id={null} type="PAGE" notices={{}} />
}
