'use client'
// The form in place of a password-protected post's body and comments.

import { useActionState } from 'react'
import { unlockPost, type UnlockState } from '@/lib/posts/unlock-action'
import { Field } from './field'

/** Asks for a protected post's password; works without JavaScript too (the action redirects back). */
export function PasswordForm({ postId }: { postId: string }) {
  const [state, action, pending] = useActionState(unlockPost.bind(null, postId), {} as UnlockState)
  const password = state.values?.password ?? ''
  return (
    <form action={action} className="password-form stack" noValidate>
      <p>This content is password protected. To view it, enter the password below.</p>
      <Field id={`post-password-${postId}`} label="Password" errors={state.errors?.password} alert>
        {(control) => (
          <input
            {...control}
            name="password"
            type="password"
            autoComplete="off"
            defaultValue={password}
            key={password}
            required
          />
        )}
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? 'Checking…' : 'Enter'}
      </button>
    </form>
  )
}
