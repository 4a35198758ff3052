// The expected failures of a request (who is asking, what they sent) as typed errors, and the two ways they
// are answered: an HTTP status for route handlers, a form state for form actions.
// The two interrupts come from their own modules, not from 'next/navigation': that one also loads the client
// router's React contexts, which fail outside Next (the `import:wxr` command runs lib/ under tsx, and media
// and post errors are typed errors too). next/navigation re-exports exactly these functions.
import { forbidden } from 'next/dist/client/components/forbidden'
import { notFound } from 'next/dist/client/components/not-found'
import type { FormState } from './form-state'

// Next answers an error carrying forbidden()'s (notFound()'s) digest with 403 and app/forbidden.tsx (404 and
// not-found.tsx), for pages and actions alike. Taken from the functions themselves rather than copied, so
// they follow Next.
const digestOf = (interrupt: () => never) => {
  try {
    interrupt()
  } catch (error) {
    return (error as { digest?: string }).digest
  }
}
const FORBIDDEN_DIGEST = digestOf(forbidden)
const NOT_FOUND_DIGEST = digestOf(notFound)

/** A failure the person can be told about: its status and a message fit to show them. */
export abstract class AppError extends Error {
  abstract readonly status: number
  /** The form field the message belongs to ('form' for the whole form). */
  readonly field: string = 'form'
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

/** Nobody is signed in. */
export class UnauthenticatedError extends AppError {
  readonly status = 401
  constructor(message = 'Sign in first.') {
    super(message)
  }
}

/** Refused for the role or the owner: caught by a form action it shows the message; uncaught it is a 403. */
export class ForbiddenError extends AppError {
  readonly status = 403
  readonly digest = FORBIDDEN_DIGEST
  constructor(message = 'You do not have permission to do that.') {
    super(message)
  }
}

/** What was asked for is not there (any more), said in the message; uncaught in a page it is the 404 page. */
export class NotFoundError extends AppError {
  readonly status = 404
  readonly digest = NOT_FOUND_DIGEST
}

/** The input cannot be used as sent; `field` names the form field to show the message beside. */
export class InvalidInputError extends AppError {
  readonly status: number = 400
  constructor(
    message: string,
    readonly field: string = 'form',
  ) {
    super(message)
  }
}

/** The input is fine but clashes with what is there now (a second import, a taken address). */
export class ConflictError extends InvalidInputError {
  readonly status: number = 409
}

/**
 * A typed error as a route handler's answer: `{ error }` as JSON (or the message as a line of text), with its
 * status and no caching. Anything else is not ours to word: rethrown.
 */
export function errorResponse(error: unknown, format: 'json' | 'text' = 'json'): Response {
  if (!(error instanceof AppError)) throw error
  const headers = { 'cache-control': 'no-store' }
  if (format === 'text') return new Response(`${error.message}\n`, { status: error.status, headers })
  return Response.json({ error: error.message }, { status: error.status, headers })
}

/**
 * A typed error as a form's state: the message beside its field under the form's summary, or as the summary
 * when it belongs to the whole form; with what was typed. Anything else is rethrown, for error.tsx.
 */
export function errorState<V>(error: unknown, values?: V, summary?: string): FormState<V> {
  if (!(error instanceof AppError)) throw error
  // A field's message is shown beside the field, not a second time above the form.
  const message = error.field === 'form' ? error.message : summary
  return { ok: false, message, errors: { [error.field]: [error.message] }, values }
}
