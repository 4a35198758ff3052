'use client'
// The settings page's site icon form: the icon shown now, an upload to replace it, a way back to Daisy's.

import { useActionState } from 'react'
import { updateSiteIcon } from '@/lib/settings/icon-actions'
import type { FormState } from '@/lib/form-state'
import { Field } from '../field'
import { FormMessage } from './form-message'

/** The site icon: what is shown now, an upload that replaces every size, and the way back to Daisy's own. */
export function SiteIconForm({ version }: { version: string }) {
  const [state, action, pending] = useActionState(updateSiteIcon, {} as FormState)
  return (
    <form
      action={action}
      className="stack card"
      encType="multipart/form-data"
      noValidate
      aria-labelledby="site-icon-heading"
    >
      <h2 id="site-icon-heading">Site icon</h2>
      <FormMessage state={state} />
      <div className="site-icon-current">
        {/* eslint-disable-next-line @next/next/no-img-element -- an icon route of our own, not a library image */}
        <img src={`/site-icon/icon-192.png?v=${version || 'default'}`} alt="" width={64} height={64} />
        <p>
          {version
            ? 'Your icon: browser tabs, bookmarks and home screens show it.'
            : 'Daisy’s own icon, a daisy. Upload an image to use yours instead.'}
        </p>
      </div>
      <Field
        id="icon"
        label="New icon"
        hint="A square PNG, JPEG or SVG, up to 2 MB; 512 × 512 pixels or more looks sharp everywhere."
        errors={state.errors?.icon}
      >
        {(control) => <input {...control} name="icon" type="file" accept="image/png,image/jpeg,image/svg+xml" />}
      </Field>
      <div className="editor-actions">
        <button type="submit" name="intent" value="upload" disabled={pending}>
          {pending ? 'Saving…' : 'Upload icon'}
        </button>
        {version && (
          <button type="submit" name="intent" value="remove" className="secondary" disabled={pending}>
            Remove icon and use Daisy’s
          </button>
        )}
      </div>
    </form>
  )
}
