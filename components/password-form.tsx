'use client'

import { useActionState } from 'react'
import { unlockPost, type UnlockState } from '@/lib/posts/unlock-action'

/** Asks for a protected post's password; works without JavaScript too (the action redirects back). */
export function PasswordForm({ postId }: { postId: string }) {
  const [state, action, pending] = useActionState(unlockPost.bind(null, postId), {} as UnlockState)
  const id = `post-password-${postId}`
  const error = state.errors?.password?.[0]
  const password = state.values?.password ?? ''
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
          defaultValue={password}
          key={password}
          required
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending}>
        {pending ? 'Checking…' : 'Enter'}
      </button>
    </form>
  )
}
