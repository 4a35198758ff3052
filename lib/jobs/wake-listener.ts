// Each node's ear for lib/jobs/wake.ts: a connection of its own subscribed to the wake channel (a subscribed
// Redis connection can do nothing else), calling `wake` at most once a second however many nodes call.
import Redis from 'ioredis'
import { env } from '@/lib/env'
import { redisPrefix } from '@/lib/redis'
import { wakeChannel } from './wake'

export function listenForWakes(url: string, wake: () => void): void {
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 2000 })
  let lastError = 0
  subscriber.on('error', (error: Error) => {
    if (Date.now() - lastError < 60_000) return
    lastError = Date.now()
    console.error(`daisy: redis (job wake-ups): ${error.message} (the minute's wake still runs)`)
  })
  let last = 0
  let pending: NodeJS.Timeout | null = null
  subscriber.on('message', () => {
    if (pending) return
    pending = setTimeout(
      () => {
        pending = null
        last = Date.now()
        wake()
      },
      Math.max(0, 1000 - (Date.now() - last)),
    )
    pending.unref()
  })
  subscriber.subscribe(wakeChannel(redisPrefix(env))).catch(() => {})
}
