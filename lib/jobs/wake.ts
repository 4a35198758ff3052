// Waking every node's job queues at once. A node that queues work all nodes share (a post's deliveries to a
// thousand instances) says so on a Redis channel; each node's listener (instrumentation.ts) then wakes its own
// queues as its minute's timer does, so every node claims its part now rather than up to a minute later. Without
// REDIS_URL there is one node, which runs what it queued itself.
import { redis, redisPrefix } from '@/lib/redis'

export const wakeChannel = (prefix = redisPrefix()) => `${prefix}wake-jobs`

/** Tells the other nodes there is work (never throws, never waits on Redis). */
export function wakeOtherNodes(kind: string): void {
  redis()
    ?.publish(wakeChannel(), kind)
    .catch(() => {})
}
