// Runs once when the server starts: wakes the durable job queues (webmentions, pings, mail), then every minute, so
// jobs left by a restart or waiting for a retry are verified. It calls the app over HTTP so the work runs in a
// request, at the address the server really listens on (server/main.ts records it once listening, whatever
// BIND_ADDRESS and -p say); without the front door (`next dev`, a bare `next start`) at 127.0.0.1:PORT.
export function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const secret = process.env.NEXTAUTH_SECRET
  if (!secret) {
    console.error('daisy: NEXTAUTH_SECRET is not set: the job queues (webmentions, pings, mail) are not woken')
    return
  }
  const target = () => `${process.env.DAISY_SELF_URL || `http://127.0.0.1:${process.env.PORT || 3000}`}/api/jobs/run`
  let failing = false
  let woken = false
  const wake = async () => {
    const url = target()
    try {
      // The header lib/http/worker-secret.ts checks (not imported: this file is also compiled for the edge).
      const response = await fetch(url, { method: 'POST', headers: { 'x-daisy-worker': secret } })
      await response.body?.cancel()
      if (!response.ok) throw new Error(`it answered ${response.status}`)
      if (failing) console.log(`daisy: the job queues are woken again (${url})`)
      else if (!woken) console.log(`daisy: the job queues are woken every minute at ${url}`)
      failing = false
      woken = true
    } catch (error) {
      // Said once when it starts failing, not every minute; said again when it works once more.
      if (!failing) {
        const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : error
        console.error(
          `daisy: could not wake the job queues at ${url} (${reason}): webmentions, pings and mail wait until it can; trying every minute`,
        )
      }
      failing = true
    }
  }
  setTimeout(wake, 3_000).unref()
  setInterval(wake, 60_000).unref()
  // With several nodes (REDIS_URL), another node's new work wakes this one too (lib/jobs/wake.ts).
  const redisUrl = process.env.REDIS_URL
  if (process.env.NEXT_RUNTIME === 'nodejs' && redisUrl) {
    import('./lib/jobs/wake-listener')
      .then(({ listenForWakes }) => listenForWakes(redisUrl, () => void wake()))
      .catch((error: unknown) => console.error('daisy: job wake-ups from other nodes are off', error))
  }
}
