'use client'
// Admin → Fediverse's forms that can be refused: block an account or an instance, import a domain blocklist, move
// the account. Each keeps what was typed when refused and says what it did when done.

import { useActionState } from 'react'
import { blockTarget, importBlocklist, moveAccount } from '@/lib/federation/actions'
import type { FormState } from '@/lib/form-state'
import { Field } from '../field'
import { FormMessage } from './form-message'

export function BlockForm() {
  const [state, action, pending] = useActionState(blockTarget, {} as FormState)
  const e = state.errors ?? {}
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field
        id="block-target"
        label="Account or instance"
        hint="@name@host or the account’s address blocks one account; a domain (example.social) blocks the whole instance and every host under it."
        errors={e.target}
      >
        {(control) => (
          <input
            {...control}
            name="target"
            type="text"
            defaultValue={state.values?.target ?? ''}
            key={state.values?.target}
          />
        )}
      </Field>
      <Field id="block-reason" label="Reason (for you; exported with domain blocks)" errors={e.reason}>
        {(control) => (
          <input
            {...control}
            name="reason"
            type="text"
            defaultValue={state.values?.reason ?? ''}
            key={state.values?.reason}
          />
        )}
      </Field>
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Blocking…' : 'Block'}
        </button>
      </div>
    </form>
  )
}

export function BlocklistImportForm() {
  const [state, action, pending] = useActionState(importBlocklist, {} as FormState)
  return (
    <form action={action} className="stack">
      <FormMessage state={state} />
      <Field
        id="blocklist-file"
        label="Import domain blocks"
        hint="Mastodon’s domain_blocks.csv (#domain,#severity,…) or one domain a line; up to 1 MB."
        errors={state.errors?.file}
      >
        {(control) => <input {...control} name="file" type="file" accept=".csv,text/csv,text/plain" />}
      </Field>
      <div>
        <button type="submit" className="secondary" disabled={pending}>
          {pending ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  )
}

export function MoveForm({ movedTo, pagesTo }: { movedTo: string; pagesTo: string }) {
  const [state, action, pending] = useActionState(moveAccount, {} as FormState)
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field
        id="move-target"
        label="The new account"
        hint="@name@host or its address. It must name this account in its “also known as” first."
        errors={state.errors?.target}
      >
        {(control) => (
          <input
            {...control}
            name="target"
            type="text"
            defaultValue={state.values?.target ?? movedTo}
            key={state.values?.target}
          />
        )}
      </Field>
      <Field
        id="move-pages-to"
        label="The blog’s new address (optional)"
        hint="When the blog itself moves to a new domain: its pages and feeds here then redirect there (Settings → This blog has moved to)."
        errors={state.errors?.pagesTo}
      >
        {(control) => (
          <input
            {...control}
            name="pagesTo"
            type="url"
            defaultValue={state.values?.pagesTo ?? pagesTo}
            key={state.values?.pagesTo}
          />
        )}
      </Field>
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Moving…' : 'Move followers to the new account'}
        </button>
      </div>
    </form>
  )
}
