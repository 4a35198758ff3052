import type { FormState } from '@/lib/form-state'

/** The outcome of a form, announced to screen readers. */
export function FormMessage({ state }: { state: FormState }) {
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
