// The one labelled form control, for the admin's forms and the public ones: label, control, hint and errors,
// tied by ids so that a screen reader reads the hint and the error with the control.
import type { ReactNode } from 'react'

/** What the control carries: spread onto its <input>, <select> or <textarea>. */
export interface ControlProps {
  id: string
  'aria-describedby': string | undefined
  // Only while there are errors: "false" would say nothing more than no attribute.
  'aria-invalid': true | undefined
}

export function Field({
  id,
  label,
  hint,
  errors,
  messageId = id,
  alert,
  children,
}: {
  /** The control's id, which the label points at. */
  id: string
  label: string
  hint?: string
  errors?: string[]
  /** Where the hint's and error's ids start, when not at the control's id (the comment form's: `content-hint`). */
  messageId?: string
  /** The error is announced as it appears: for a form whose one field is the whole answer. */
  alert?: boolean
  children: (control: ControlProps) => ReactNode
}) {
  const hintId = hint ? `${messageId}-hint` : undefined
  const errorId = errors?.length ? `${messageId}-error` : undefined
  const control: ControlProps = {
    id,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
    'aria-invalid': errorId ? true : undefined,
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(control)}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="field-error" role={alert ? 'alert' : undefined}>
          {errors!.join(' ')}
        </p>
      )}
    </div>
  )
}
