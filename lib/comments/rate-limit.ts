// How often one address may comment.
import { RateLimit } from '@/lib/http/rate-limit'

/** Five comments a minute and thirty an hour from one address: plenty for people, little for bots. */
export const commentLimit = new RateLimit('comment', [
  { points: 5, duration: 60 },
  { points: 30, duration: 3600 },
])
