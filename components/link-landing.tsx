import { Suspense } from 'react'

/**
 * The frame of a page reached from a link in a mail (moderation, subscriptions): its content depends on the
 * link's token, read per request, so it streams in behind a fallback.
 */
export function LinkLanding({ labelledBy, children }: { labelledBy: string; children: React.ReactNode }) {
  return (
    <article className="post" aria-labelledby={labelledBy}>
      <Suspense fallback={<p>Loading…</p>}>{children}</Suspense>
    </article>
  )
}
