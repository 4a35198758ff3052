'use client'

import { useActionState } from 'react'
import type { FormState } from '@/lib/form-state'
import { Field } from './field'
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
        {(d) => (
          <input id="authorName" name="authorName" type="text" defaultValue={v.authorName} aria-describedby={d} />
        )}
      </Field>
      <Field id="authorEmail" label="Email" errors={e.authorEmail}>
        {(d) => (
          <input id="authorEmail" name="authorEmail" type="email" defaultValue={v.authorEmail} aria-describedby={d} />
        )}
      </Field>
      <Field id="authorUrl" label="Website" errors={e.authorUrl}>
        {(d) => <input id="authorUrl" name="authorUrl" type="url" defaultValue={v.authorUrl} aria-describedby={d} />}
      </Field>
      <Field id="content" label="Text" errors={e.content}>
        {(d) => <textarea id="content" name="content" rows={6} defaultValue={v.content} aria-describedby={d} />}
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
        {(d) => (
          <textarea
            id="reply"
            name="content"
            rows={5}
            defaultValue={state.values?.content ?? ''}
            key={state.ok ? 'sent' : 'draft'}
            aria-describedby={d}
          />
        )}
      </Field>
      <button type="submit" disabled={pending}>
        Publish reply
      </button>
    </form>
  )
}
