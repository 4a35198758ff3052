'use client'
// Autosave of a draft a few seconds after the last change, through autosaveDraft (drafts only, on the server too).

import { useEffect, useState, type RefObject } from 'react'
import { autosaveDraft } from '@/lib/posts/actions'

const AUTOSAVE_MS = 8000

interface Autosave {
  formRef: RefObject<HTMLFormElement | null>
  /** The post's id; null until the first save of a new post, which the autosave itself may make. */
  idRef: RefObject<string | null>
  /** Whether to save now: a draft, with a title, changed since the last save and no save running. */
  due: boolean
  /** Changes with every edit, so each one restarts the wait. */
  values: unknown
  onSaved: () => void
}

/** Saves the form while it is due; returns what to tell the author about the last attempt. */
export function useAutosave({ formRef, idRef, due, values, onSaved }: Autosave): string | null {
  const [note, setNote] = useState<string | null>(null)
  useEffect(() => {
    if (!due) return
    const timer = setTimeout(async () => {
      const form = formRef.current
      if (!form) return
      const result = await autosaveDraft(idRef.current, new FormData(form))
      if (result.ok && result.id) {
        // A new post now has an address: the editor's own, so a reload reopens it.
        if (!idRef.current) window.history.replaceState(null, '', `/admin/posts/${result.id}`)
        idRef.current = result.id
        onSaved()
        setNote(`Draft autosaved at ${new Date(result.savedAt!).toLocaleTimeString()}`)
      } else setNote(result.message ?? 'Not autosaved.')
    }, AUTOSAVE_MS)
    return () => clearTimeout(timer)
  }, [due, values, formRef, idRef, onSaved])
  return note
}
