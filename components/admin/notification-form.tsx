'use client'

import { useActionState } from 'react'
import { updateNotifications } from '@/lib/users/notify-actions'
import type { FormState } from '@/lib/form-state'
import { FormMessage } from './form-message'

/** The profile's mail switches; both are on for a new account. */
export function NotificationForm({ notifyHeld, notifyApproved }: { notifyHeld: boolean; notifyApproved: boolean }) {
  const [state, action, pending] = useActionState(updateNotifications, {} as FormState)
  const v = state.values
  return (
    <form action={action} className="stack">
      <h2>Mail about responses to your posts</h2>
      <FormMessage state={state} />
      <label className="checkbox">
        <input type="checkbox" name="notifyHeld" defaultChecked={v ? v.notifyHeld === 'on' : notifyHeld} /> A comment or
        linkback is waiting for my approval
      </label>
      <label className="checkbox">
        <input type="checkbox" name="notifyApproved" defaultChecked={v ? v.notifyApproved === 'on' : notifyApproved} />{' '}
        A new comment or linkback is published
      </label>
      <p className="hint">The mails have buttons to approve, spam or trash the response without signing in.</p>
      <div>
        <button type="submit" disabled={pending}>
          Save mail settings
        </button>
      </div>
    </form>
  )
}
