'use client'
// The editor's live preview, rendered on the server by the same code as the public page.

import { useEffect, useState, useTransition } from 'react'
import { previewMarkdown } from '@/lib/posts/actions'

export function PreviewPane({ source, format }: { source: string; format: 'MARKDOWN' | 'HTML' }) {
  const [preview, setPreview] = useState<string | null>(null)
  const [, startPreview] = useTransition()
  // Asked once typing pauses, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => startPreview(async () => setPreview(await previewMarkdown(source, format))), 300)
    return () => clearTimeout(timer)
  }, [source, format])
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading" className="field-title">
        Preview
      </h2>
      <div className="preview prose" dangerouslySetInnerHTML={{ __html: preview ?? '' }} />
    </section>
  )
}
