'use client'
// What the comment form asks the server for after the (cached) page has loaded: this browser's comments awaiting
// moderation, and a fresh form token when the page's one is getting old.

import { useEffect, useRef, useState } from 'react'
import { hasHeldComments } from '@/lib/comments/browser-cookies'
import { TOKEN_REFRESH_AGE_MS, tokenIssuedAt, type HeldComment } from '@/lib/comments/fields'

/**
 * The held comments, asked for only by a browser that left some here (the held cookie itself is HttpOnly), and
 * not on the page that answered the post of one (`enabled` false: it shows that comment already).
 */
export function useHeldComments(postId: string, enabled = true): HeldComment[] {
  const [held, setHeld] = useState<HeldComment[]>([])
  useEffect(() => {
    if (!enabled || !hasHeldComments(document.cookie, postId)) return
    let cancelled = false
    fetch(`/api/comments/held?post=${encodeURIComponent(postId)}`)
      .then((r) => (r.ok ? r.json() : null))
      .then((data: { held?: HeldComment[] } | null) => !cancelled && data?.held && setHeld(data.held))
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [postId, enabled])
  return held
}

/**
 * The form token, and what to call when the reader starts writing: the page may have been cached for weeks,
 * so a token close to expiry (or unreadable) is swapped for a fresh one, once.
 */
export function useFormToken(postId: string, initialToken: string): [token: string, refresh: () => void] {
  const [token, setToken] = useState(initialToken)
  const asked = useRef(false)
  const refresh = () => {
    // A token that cannot be read (NaN) is replaced too.
    if (asked.current || Date.now() - tokenIssuedAt(token) <= TOKEN_REFRESH_AGE_MS) return
    asked.current = true
    fetch(`/api/comments/token?post=${encodeURIComponent(postId)}`)
      .then((r) => (r.ok ? r.json() : null))
      .then((data: { token?: string } | null) => data?.token && setToken(data.token))
      .catch(() => undefined)
  }
  return [token, refresh]
}
