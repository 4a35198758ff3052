// Form actions, one way: authenticate → check the role → parse the form with its zod schema → run the write.
// Typed errors (lib/errors.ts) come back as the form's state with what was typed; anything else is thrown on,
// to error.tsx (and redirect() passes through).
import 'server-only'
import { z } from 'zod'
import { errorState, ForbiddenError } from '@/lib/errors'
import { formValues, type FormState } from '@/lib/form-state'
import { hasRole } from './roles'
import type { RoleName } from './schema'
import { requireUser, type CurrentUser } from './session'

type Access = RoleName | 'ANYONE'
type Values = Record<string, string>

export interface FormRules<S extends z.ZodType, B extends unknown[] = unknown[]> {
  /** Who may send the form: a signed-in AUTHOR (or ADMIN), an ADMIN only, or anyone (no session needed). */
  role: Access
  /** Where signing in returns to, when nobody is signed in (from the bound arguments, for an editor's own page). */
  callbackUrl?: string | ((...bound: B) => string)
  schema?: S
  /** What the schema reads, when not the form's text fields as they are (checkboxes, files). */
  input?: (values: Values, formData: FormData) => unknown
  /** The summary above the form when fields are refused. */
  invalid?: string
  /** What a refused form shows again; all that was typed unless said otherwise (never a password). */
  keep?: (values: Values) => Values | undefined
}

export interface FormContext<T, U> {
  user: U
  data: T
  values: Values
  formData: FormData
}

/** The schema's reading of the form, or the state that shows its field errors with what was kept. */
export function parseForm<S extends z.ZodType>(
  rules: Pick<FormRules<S, never>, 'schema' | 'input' | 'invalid'>,
  formData: FormData,
  kept: Values | undefined,
): { ok: true; data: z.infer<S> } | { ok: false; state: FormState } {
  const values = formValues(formData)
  if (!rules.schema) return { ok: true, data: values as z.infer<S> }
  const parsed = rules.schema.safeParse(rules.input ? rules.input(values, formData) : values)
  if (parsed.success) return { ok: true, data: parsed.data }
  return {
    ok: false,
    state: { ok: false, errors: z.flattenError(parsed.error).fieldErrors, values: kept, message: rules.invalid },
  }
}

/**
 * `export const updateX = formAction({ role: 'ADMIN', schema }, async ({ user, data }, id) => …)`: the action
 * takes the bound arguments first (`updateX.bind(null, id)`), then useActionState's previous state and the form.
 */
export function formAction<
  S extends z.ZodType = z.ZodType<Values>,
  St extends FormState<unknown> = FormState,
  B extends unknown[] = [],
  R extends Access = Access,
>(
  rules: FormRules<S, B> & { role: R },
  run: (context: FormContext<z.infer<S>, R extends 'ANYONE' ? null : CurrentUser>, ...bound: B) => Promise<St>,
): (...args: [...B, St, FormData]) => Promise<St> {
  return async (...args) => {
    const last = args[args.length - 1]
    const formData = last instanceof FormData ? last : new FormData()
    const bound = args.slice(0, -2) as B
    const callbackUrl = typeof rules.callbackUrl === 'function' ? rules.callbackUrl(...bound) : rules.callbackUrl
    const user = rules.role === 'ANYONE' ? null : await requireUser(callbackUrl)
    const values = formValues(formData)
    const kept = rules.keep ? rules.keep(values) : values
    try {
      if (user && !hasRole(user, rules.role as RoleName)) throw new ForbiddenError()
      const parsed = parseForm(rules, formData, kept)
      if (!parsed.ok) return parsed.state as St
      const context = { user, data: parsed.data, values, formData } as FormContext<
        z.infer<S>,
        R extends 'ANYONE' ? null : CurrentUser
      >
      return await run(context, ...bound)
    } catch (error) {
      return errorState(error, kept, rules.invalid) as St
    }
  }
}
