// The secret header with which Daisy's own processes (instrumentation, CLI scripts) call its internal routes.
import { env } from '../env'
import { sameSecret } from '../signing'
import { WORKER_HEADER } from './names'

export { WORKER_HEADER }

/** True when the request carries NEXTAUTH_SECRET in the worker header (compared in constant time). */
export function isWorkerRequest(request: Request): boolean {
  const secret = env.NEXTAUTH_SECRET
  const given = request.headers.get(WORKER_HEADER)
  if (!secret || !given) return false
  return sameSecret(given, secret)
}
