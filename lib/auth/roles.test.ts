import { describe, expect, it } from 'vitest'
import { canEditPost, hasRole } from './roles'
import { authorizeRequest } from './route'
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors'

const admin = { id: 'a', email: 'a@example.com', name: 'Admin', role: 'ADMIN' as const }
const author = { id: 'b', email: 'b@example.com', name: 'Author', role: 'AUTHOR' as const }

describe('roles', () => {
  it('lets an ADMIN do what an AUTHOR may, not the other way round', () => {
    expect(hasRole(admin, 'ADMIN')).toBe(true)
    expect(hasRole(admin, 'AUTHOR')).toBe(true)
    expect(hasRole(author, 'AUTHOR')).toBe(true)
    expect(hasRole(author, 'ADMIN')).toBe(false)
  })
  it('lets an AUTHOR edit only their own posts, an ADMIN every one', () => {
    expect(canEditPost(author, { authorId: 'b' })).toBe(true)
    expect(canEditPost(author, { authorId: 'a' })).toBe(false)
    expect(canEditPost(admin, { authorId: 'b' })).toBe(true)
  })
})

describe('route handlers behind a role', () => {
  const access = { role: 'ADMIN' as const, refused: 'Only an administrator can import.' }
  it('refuses nobody with 401 and the wrong role with 403 and its message', () => {
    expect(() => authorizeRequest(null, access)).toThrow(UnauthenticatedError)
    expect(() => authorizeRequest(author, access)).toThrow(
      expect.objectContaining({ status: 403, message: 'Only an administrator can import.' }),
    )
    expect(() => authorizeRequest(author, access)).toThrow(ForbiddenError)
  })
  it('hands the user on when the role allows it', () => {
    expect(authorizeRequest(admin, access)).toBe(admin)
    expect(authorizeRequest(author, { ...access, role: 'AUTHOR' })).toBe(author)
  })
})
