'use client'

import { useActionState } from 'react'
import { unlockPost, type UnlockState } from '@/lib/posts/unlock-action'

/** Asks for a protected post's password; works without JavaScript too (the action redirects back). */
export function PasswordForm({ postId }: { postId: string }) {
  const [state, action, pending] = useActionState(unlockPost.bind(null, postId), {} as UnlockState)
  const id = `post-password-${postId}`
  return (
    <form action={action} className="password-form stack" noValidate>
      <p>This content is password protected. To view it, enter the password below.</p>
      <div className="field">
        <label htmlFor={id}>Password</label>
        <input
          id={id}
          name="password"
          type="password"
          autoComplete="off"
          defaultValue={state.password ?? ''}
          key={state.password ?? ''}
          required
          aria-invalid={!!state.error}
          aria-describedby={state.error ? `${id}-error` : undefined}
        />
        {state.error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {state.error}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending}>
        {pending ? 'Checking…' : 'Enter'}
      </button>
    </form>
  )
}
