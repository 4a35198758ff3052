'use client'
// The forms behind the password links sent by mail: asking for a reset, and setting the new password.

import { useActionState } from 'react'
import type { FormState } from '@/lib/form-state'
import { requestReset } from '@/lib/users/password-actions'
import { Field } from '../field'
import { FormMessage } from './form-message'

/** "Forgot your password?": the address, and the same answer whether an account uses it or not. */
export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestReset, {} as FormState)
  const e = state.errors ?? {}
  const v = state.ok ? {} : (state.values ?? {})
  return (
    <form action={action} className="stack login-form" noValidate>
      <FormMessage state={state} />
      <Field id="email" label="Email" hint="The address you sign in with." errors={e.email}>
        {(control) => (
          <input
            {...control}
            name="email"
            type="email"
            autoComplete="username"
            defaultValue={v.email}
            key={`e${v.email}`}
            required
          />
        )}
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send me a link'}
      </button>
    </form>
  )
}

/** A new password typed twice, for the account a reset or invitation link is for (`action` has the link bound). */
export function NewPasswordForm({
  action: setPassword,
  email,
  submitLabel,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>
  email: string
  submitLabel: string
}) {
  const [state, action, pending] = useActionState(setPassword, {} as FormState)
  const e = state.errors ?? {}
  return (
    <form action={action} className="stack login-form" noValidate>
      <FormMessage state={state} />
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field id="next" label="New password" hint="At least 12 characters." errors={e.next}>
        {(control) => <input {...control} name="next" type="password" autoComplete="new-password" required />}
      </Field>
      <Field id="confirm" label="New password again" errors={e.confirm}>
        {(control) => <input {...control} name="confirm" type="password" autoComplete="new-password" required />}
      </Field>
      <button type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  )
}
