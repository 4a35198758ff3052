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
