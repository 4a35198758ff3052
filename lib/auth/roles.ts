// What a role may do: the rules behind requireRole, requirePageRole and the form actions' checks. No session
// lookup here, so the rules can be used (and tested) given any user.
import type { RoleName } from './schema'

/** The part of a user the rules look at. */
export interface RoleHolder {
  id: string
  role: RoleName
}

/** ADMIN may do everything an AUTHOR may; an AUTHOR only what AUTHOR allows. */
export function hasRole(user: RoleHolder, role: RoleName): boolean {
  return role === 'AUTHOR' || user.role === 'ADMIN'
}

/** ADMIN edits everything; an AUTHOR only their own posts. */
export function canEditPost(user: RoleHolder, post: { authorId: string }): boolean {
  return user.role === 'ADMIN' || post.authorId === user.id
}
