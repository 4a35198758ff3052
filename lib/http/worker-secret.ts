// The secret header with which Daisy's own processes (instrumentation, CLI scripts) call its internal routes.
import { env } from '../env'
import { sameSecret } from '../signing'

export const WORKER_HEADER = 'x-daisy-worker'

/** True when the request carries NEXTAUTH_SECRET in the worker header (compared in constant time). */
export function isWorkerRequest(request: Request): boolean {
  const secret = env.NEXTAUTH_SECRET
  const given = request.headers.get(WORKER_HEADER)
  if (!secret || !given) return false
  return sameSecret(given, secret)
}
