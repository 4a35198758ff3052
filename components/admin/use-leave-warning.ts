'use client'

import { useEffect } from 'react'

/** While `active`, leaving the page (closing, reloading, following a link out) asks the browser's "Leave site?". */
export function useLeaveWarning(active: boolean) {
  useEffect(() => {
    if (!active) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [active])
}
