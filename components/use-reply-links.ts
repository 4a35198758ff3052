'use client'
// "Reply" links under comments work without JavaScript (they open a reply page); with it, they point the
// comment form on this page at the comment instead.

import { useEffect, useRef } from 'react'

/**
 * Calls `onReply` (a state setter, so the listener is added once) for a click on any reply link in the
 * document; returns the ref of the field to focus then.
 */
export function useReplyLinks(onReply: (to: { id: string; authorName: string }) => void) {
  const focusRef = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    // One listener on the document: the links are server-rendered, and threads may hold hundreds of them.
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a.comment-reply-link')
      const id = link && new URL(link.href).searchParams.get('replytocom')
      if (!id) return
      event.preventDefault()
      onReply({ id, authorName: link.dataset.author ?? '' })
      document.getElementById('respond')?.scrollIntoView({ block: 'start' })
      focusRef.current?.focus()
    }
    document.addEventListener('click', onClick)
    return () => document.removeEventListener('click', onClick)
  }, [onReply])
  return focusRef
}
