// The secret header with which Daisy's own processes (instrumentation, CLI scripts) call its internal routes.
import { createHash, timingSafeEqual } from 'node:crypto'

export const WORKER_HEADER = 'x-daisy-worker'

/** True when the request carries NEXTAUTH_SECRET in the worker header (compared in constant time). */
export function isWorkerRequest(request: Request): boolean {
  const secret = process.env.NEXTAUTH_SECRET
  const given = request.headers.get(WORKER_HEADER)
  if (!secret || !given) return false
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given), digest(secret))
}
