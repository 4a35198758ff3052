// The result every form action returns: success with a message, or field errors and what was typed.
export interface FormState {
  ok?: boolean
  message?: string
  errors?: Record<string, string[] | undefined>
  values?: Record<string, string>
  /** A one-time secret to show (a generated password), never stored. */
  secret?: string
}

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
