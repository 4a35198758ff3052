import { describe, expect, it } from 'vitest'
import {
  ConflictError,
  errorResponse,
  errorState,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  UnauthenticatedError,
} from './errors'

describe('typed errors as HTTP answers', () => {
  it('gives each error its status and message, as JSON and uncached', async () => {
    const cases = [
      [new UnauthenticatedError(), 401, 'Sign in first.'],
      [new ForbiddenError('Only an administrator can import.'), 403, 'Only an administrator can import.'],
      [new NotFoundError('That revision no longer exists.'), 404, 'That revision no longer exists.'],
      [new InvalidInputError('The file is empty.'), 400, 'The file is empty.'],
      [new ConflictError('Another import is running.'), 409, 'Another import is running.'],
    ] as const
    for (const [error, status, message] of cases) {
      const response = errorResponse(error)
      expect(response.status).toBe(status)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(await response.json()).toEqual({ error: message })
    }
  })
  it('answers as a line of text when asked', async () => {
    const response = errorResponse(new ForbiddenError('Only an administrator can export the blog.'), 'text')
    expect(response.status).toBe(403)
    expect(await response.text()).toBe('Only an administrator can export the blog.\n')
  })
  it('rethrows what is not a typed error: not ours to word', () => {
    const failure = new Error('disk full')
    expect(() => errorResponse(failure)).toThrow(failure)
  })
})

describe('typed errors as form states', () => {
  it('puts a whole-form refusal in the summary and the form errors, keeping what was typed', () => {
    expect(errorState(new ForbiddenError('You can only edit your own posts.'), { title: 'Mine' })).toEqual({
      ok: false,
      message: 'You can only edit your own posts.',
      errors: { form: ['You can only edit your own posts.'] },
      values: { title: 'Mine' },
    })
  })
  it('puts a field refusal beside its field, under the form’s summary', () => {
    const state = errorState(
      new ConflictError('Another post already uses this slug', 'slug'),
      { slug: 'x' },
      'Not saved.',
    )
    expect(state).toEqual({
      ok: false,
      message: 'Not saved.',
      errors: { slug: ['Another post already uses this slug'] },
      values: { slug: 'x' },
    })
  })
  it('says a field’s message once, beside the field, when the form has no summary', () => {
    const state = errorState(new InvalidInputError('This is not an image Daisy can read.', 'file'), { alt: 'x' })
    expect(state.message).toBeUndefined()
    expect(state.errors).toEqual({ file: ['This is not an image Daisy can read.'] })
  })
  it('rethrows anything else, for error.tsx', () => {
    const failure = new TypeError('bug')
    expect(() => errorState(failure, {})).toThrow(failure)
  })
  it('keeps the status of a subclass', () => {
    expect(new ConflictError('x').status).toBe(409)
    expect(new ConflictError('x')).toBeInstanceOf(InvalidInputError)
  })
})
