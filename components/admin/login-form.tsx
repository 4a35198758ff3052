'use client'
// The sign-in form: email and password through next-auth, then back to the page that asked for it.

import { useState } from 'react'
import { signIn } from 'next-auth/react'
import { useRouter, useSearchParams } from 'next/navigation'
import { safeCallbackPath } from '@/lib/auth/callback-url'
import { Field } from '../field'

export function LoginForm() {
  const router = useRouter()
  const params = useSearchParams()
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const [email, setEmail] = useState('')

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setPending(true)
    setError(null)
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    })
    setPending(false)
    if (!result || result.error) {
      setError(
        result?.error && result.error !== 'CredentialsSignin' ? result.error : 'The email or password is not right.',
      )
      return
    }
    // Only a path on this site: a callbackUrl may never send the author elsewhere.
    router.replace(safeCallbackPath(params.get('callbackUrl')))
    router.refresh()
  }

  return (
    <form
      className="stack login-form"
      method="post"
      onSubmit={onSubmit}
      aria-describedby={error ? 'login-error' : undefined}
    >
      {params.get('reset') === '1' && (
        <p className="notice success" role="status">
          Your password is set. Sign in with it.
        </p>
      )}
      <Field id="email" label="Email">
        {(control) => (
          <input
            {...control}
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <Field id="password" label="Password">
        {(control) => <input {...control} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <p id="login-error" className="form-error" role="alert" aria-live="assertive">
        {error}
      </p>
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
