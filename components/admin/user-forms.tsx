'use client'
// The users page's forms (adding a user, a reset, an invitation again) and the profile's (details, password).

import { useActionState } from 'react'
import { changePassword, createUser, resendInvitation, resetPassword, updateProfile } from '@/lib/users/actions'
import type { FormState, SecretState } from '@/lib/form-state'
import { Field } from '../field'
import { FormMessage } from './form-message'
import { Options } from './options'

export function CreateUserForm() {
  const [state, action, pending] = useActionState(createUser, {} as SecretState)
  const e = state.errors ?? {}
  const v = state.ok ? {} : (state.values ?? {})
  return (
    <form action={action} className="stack card" noValidate>
      <h2>Add a user</h2>
      <FormMessage state={state} />
      <Field id="new-email" label="Email" errors={e.email}>
        {(control) => (
          <input {...control} name="email" type="email" defaultValue={v.email} key={`e${v.email}`} required />
        )}
      </Field>
      <Field id="new-name" label="Name" errors={e.name}>
        {(control) => <input {...control} name="name" type="text" defaultValue={v.name} key={`n${v.name}`} required />}
      </Field>
      <Field id="new-role" label="Role" errors={e.role}>
        {(control) => (
          <select {...control} name="role" defaultValue={v.role ?? 'AUTHOR'}>
            <option value="AUTHOR">Author — writes posts, moderates comments on them</option>
            <option value="ADMIN">Admin — everything</option>
          </select>
        )}
      </Field>
      <div>
        <label className="checkbox">
          <input
            type="checkbox"
            name="invite"
            aria-describedby="new-invite-hint"
            defaultChecked={!state.ok && v.invite === 'on'}
            key={`i${v.invite}`}
          />{' '}
          Send an invitation mail
        </label>
        <p id="new-invite-hint" className="hint">
          They choose their own password from the link in the mail (it works for 7 days).
        </p>
      </div>
      <Field
        id="new-password"
        label="Password"
        hint="Without an invitation: leave empty to generate one (shown once)."
        errors={e.password}
      >
        {(control) => <input {...control} name="password" type="password" autoComplete="new-password" />}
      </Field>
      <button type="submit" disabled={pending}>
        Add user
      </button>
    </form>
  )
}

export function ResetPasswordForm({ userId, email }: { userId: string; email: string }) {
  const [state, action, pending] = useActionState(resetPassword.bind(null, userId), {} as SecretState)
  return (
    <form action={action}>
      <button type="submit" className="secondary" disabled={pending}>
        Reset password<span className="visually-hidden"> of {email}</span>
      </button>
      <FormMessage state={state} />
    </form>
  )
}

/** For an account with no password yet: a new invitation mail (the older links stop working). */
export function ResendInvitationForm({ userId, email }: { userId: string; email: string }) {
  const [state, action, pending] = useActionState(resendInvitation.bind(null, userId), {} as FormState)
  return (
    <form action={action}>
      <button type="submit" className="secondary" disabled={pending}>
        Send invitation again<span className="visually-hidden"> to {email}</span>
      </button>
      <FormMessage state={state} />
    </form>
  )
}

export function ProfileForm({
  profile,
  avatars,
}: {
  profile: { name: string; bio: string; avatarUrl: string | null }
  avatars: { url: string; alt: string }[]
}) {
  const [state, action, pending] = useActionState(updateProfile, {} as FormState)
  const e = state.errors ?? {}
  const v = state.values ?? { name: profile.name, bio: profile.bio, avatarUrl: profile.avatarUrl ?? '' }
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field id="name" label="Name" hint="Shown on your posts." errors={e.name}>
        {(control) => <input {...control} name="name" type="text" defaultValue={v.name} required />}
      </Field>
      <Field id="bio" label="Bio" hint="Shown on your author page." errors={e.bio}>
        {(control) => <textarea {...control} name="bio" rows={4} defaultValue={v.bio} />}
      </Field>
      <Field id="avatarUrl" label="Avatar" errors={e.avatarUrl}>
        {(control) => (
          <select {...control} name="avatarUrl" defaultValue={v.avatarUrl}>
            <option value="">None</option>
            <Options items={avatars} value={(a) => a.url} label={(a) => a.alt} />
          </select>
        )}
      </Field>
      <button type="submit" disabled={pending}>
        Save profile
      </button>
    </form>
  )
}

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePassword, {} as FormState)
  const e = state.errors ?? {}
  return (
    <form action={action} className="stack" noValidate>
      <h2>Change your password</h2>
      <FormMessage state={state} />
      <Field id="current" label="Current password" errors={e.current}>
        {(control) => <input {...control} name="current" type="password" autoComplete="current-password" />}
      </Field>
      <Field id="next" label="New password" hint="At least 12 characters." errors={e.next}>
        {(control) => <input {...control} name="next" type="password" autoComplete="new-password" />}
      </Field>
      <Field id="confirm" label="New password again" errors={e.confirm}>
        {(control) => <input {...control} name="confirm" type="password" autoComplete="new-password" />}
      </Field>
      <button type="submit" disabled={pending}>
        Change password
      </button>
    </form>
  )
}
