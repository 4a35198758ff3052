import type { FormState } from '@/lib/form-state'

/** Any form's state; a one-time secret (a generated password) is shown when there is one. */
type Shown = FormState<unknown, string, { secret: string }>

/** The outcome of a form, announced to screen readers. */
export function FormMessage({ state }: { state: Shown }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className={state.ok ? 'notice success' : state.message ? 'notice' : undefined}
    >
      {state.message}
      {state.errors?.form && <p className="form-error">{state.errors.form.join(' ')}</p>}
      {state.secret && (
        <p>
          Copy it now, it is shown only once: <code className="secret">{state.secret}</code>
        </p>
      )}
    </div>
  )
}
