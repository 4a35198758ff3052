'use client'

import { useEffect } from 'react'

/**
 * Keyboard moderation: j/k move between items, a approves, s marks spam, t trashes the focused item
 * (the same buttons a mouse would press, so the same server actions and checks run).
 */
export function QueueShortcuts() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement
      if (
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        target.closest('input, textarea, select, [contenteditable]')
      )
        return
      const items = [...document.querySelectorAll<HTMLElement>('li.queue-item')]
      const current = target.closest<HTMLElement>('li.queue-item')
      const index = current ? items.indexOf(current) : -1
      if (event.key === 'j' || event.key === 'k') {
        const next = items[Math.min(items.length - 1, Math.max(0, index + (event.key === 'j' ? 1 : -1)))]
        next?.focus()
        event.preventDefault()
        return
      }
      if (!current) return
      const button = current.querySelector<HTMLButtonElement>(`button[data-shortcut="${event.key}"]`)
      if (button) {
        event.preventDefault()
        button.click()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
  return (
    <p className="muted">
      Keyboard: <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>a</kbd> approve, <kbd>s</kbd> spam, <kbd>t</kbd> trash.
    </p>
  )
}
