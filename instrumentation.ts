// Runs once when the server starts: wakes the durable job queues (webmentions, pings, mail), then every minute, so jobs left by a
// restart or waiting for a retry are verified. It calls the app over HTTP so the work runs in a request.
export function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const secret = process.env.NEXTAUTH_SECRET
  if (!secret) return
  const url = `http://127.0.0.1:${process.env.PORT || 3000}/api/jobs/run`
  // The header lib/http/worker-secret.ts checks (not imported: this file is also compiled for the edge).
  const wake = () => fetch(url, { method: 'POST', headers: { 'x-daisy-worker': secret } }).catch(() => undefined)
  setTimeout(wake, 3_000).unref()
  setInterval(wake, 60_000).unref()
}
