// Route handlers behind a role: one wrapper checks the session and answers every typed error (lib/errors.ts)
// with its status, so a handler only says what it does. Route handlers get no layout: this is their door.
import 'server-only'
import { errorResponse, ForbiddenError, UnauthenticatedError } from '@/lib/errors'
import { hasRole } from './roles'
import type { RoleName } from './schema'
import { getCurrentUser, type CurrentUser } from './session'

export interface RouteAccess {
  role: RoleName
  /** What a signed-in user without the role is told (403). */
  refused: string
  /** How errors are answered: `{ error }` as JSON (the default) or the message as a line of text. */
  format?: 'json' | 'text'
}

/** The user the handler may act for: 401 for nobody, 403 (with `refused`) for the wrong role. */
export function authorizeRequest(user: CurrentUser | null, access: RouteAccess): CurrentUser {
  if (!user) throw new UnauthenticatedError()
  if (!hasRole(user, access.role)) throw new ForbiddenError(access.refused)
  return user
}

/** `export const GET = withUser({ role: 'ADMIN', refused: '…' }, async (user, request) => …)` */
export function withUser<A extends unknown[]>(
  access: RouteAccess,
  handler: (user: CurrentUser, ...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(authorizeRequest(await getCurrentUser(), access), ...args)
    } catch (error) {
      return errorResponse(error, access.format)
    }
  }
}
