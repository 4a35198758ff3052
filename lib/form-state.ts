// The result every form action returns, one shape for all forms: success with a message, or the errors per
// field with what was typed. Free of imports, so client forms can use it.

/**
 * `V` is what the form shows again, `F` the fields an error can sit beside ('form' is the whole form), `X` the
 * extras a form may carry (a one-time secret, the time of a save, a comment awaiting moderation).
 */
export type FormState<V = Record<string, string>, F extends string = string, X extends object = object> = {
  ok?: boolean
  message?: string
  errors?: Partial<Record<F | 'form', string[]>>
  values?: V
} & Partial<X>

/** The extra of a form that creates a password: shown once, never stored. */
export type SecretState = FormState<Record<string, string>, string, { secret: string }>

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) if (typeof value === 'string' && !key.startsWith('$ACTION')) values[key] = value
  return values
}

/**
 * What a refused form shows again, each value cut to `max` characters: enough to keep what a person typed
 * (forms say their limits), never a copy of whatever a client sent.
 */
export function clipValues(values: Record<string, string>, max: number): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.slice(0, max)]))
}
