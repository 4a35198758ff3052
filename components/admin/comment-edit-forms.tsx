'use client'
// The forms on one comment's admin page: editing what the commenter wrote, and replying under it.

import { useActionState } from 'react'
import type { FormState } from '@/lib/form-state'
import { Field } from '../field'
import { FormMessage } from './form-message'

type Action = (prev: FormState, formData: FormData) => Promise<FormState>

export function EditCommentForm({
  action,
  comment,
}: {
  action: Action
  comment: { authorName: string; authorEmail: string; authorUrl: string; content: string }
}) {
  const [state, formAction, pending] = useActionState(action, {} as FormState)
  const v = state.values ?? comment
  const e = state.errors ?? {}
  return (
    <form action={formAction} className="stack card" noValidate>
      <h2>Edit</h2>
      <FormMessage state={state} />
      <Field id="authorName" label="Name" errors={e.authorName}>
        {(control) => <input {...control} name="authorName" type="text" defaultValue={v.authorName} />}
      </Field>
      <Field id="authorEmail" label="Email" errors={e.authorEmail}>
        {(control) => <input {...control} name="authorEmail" type="email" defaultValue={v.authorEmail} />}
      </Field>
      <Field id="authorUrl" label="Website" errors={e.authorUrl}>
        {(control) => <input {...control} name="authorUrl" type="url" defaultValue={v.authorUrl} />}
      </Field>
      <Field id="content" label="Text" errors={e.content}>
        {(control) => <textarea {...control} name="content" rows={6} defaultValue={v.content} />}
      </Field>
      <button type="submit" disabled={pending}>
        Save changes
      </button>
    </form>
  )
}

export function ReplyForm({ action, to }: { action: Action; to: string }) {
  const [state, formAction, pending] = useActionState(action, {} as FormState)
  const e = state.errors ?? {}
  return (
    <form action={formAction} className="stack card" noValidate>
      <h2>Reply to {to}</h2>
      <FormMessage state={state} />
      <Field
        id="reply"
        label="Your reply"
        hint="Published at once, under the comment, with your name."
        errors={e.content}
      >
        {(control) => (
          <textarea
            {...control}
            name="content"
            rows={5}
            defaultValue={state.values?.content ?? ''}
            key={state.ok ? 'sent' : 'draft'}
          />
        )}
      </Field>
      <button type="submit" disabled={pending}>
        Publish reply
      </button>
    </form>
  )
}
