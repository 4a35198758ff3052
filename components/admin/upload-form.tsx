'use client'
// The media library's upload form: one image and its alt text.

import { useActionState } from 'react'
import { uploadMedia, type UploadState } from '@/lib/media/actions'
import { Field } from '../field'

export function UploadForm() {
  const [state, action, pending] = useActionState(uploadMedia, {} as UploadState)
  return (
    <form action={action} className="stack card" encType="multipart/form-data" noValidate>
      <h2>Upload an image</h2>
      <p role="status" aria-live="polite" className={state.ok ? 'notice success' : undefined}>
        {state.message}
      </p>
      <Field id="file" label="Image" hint="JPEG, PNG, WebP, GIF or AVIF, up to 10 MB." errors={state.errors?.file}>
        {(control) => (
          <input
            {...control}
            name="file"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
            required
          />
        )}
      </Field>
      <Field
        id="alt"
        label="Alt text"
        hint="What the image shows, for people who cannot see it."
        errors={state.errors?.alt}
      >
        {(control) => (
          <input
            {...control}
            name="alt"
            type="text"
            required
            maxLength={300}
            defaultValue={state.values?.alt ?? ''}
            key={state.ok ? 'reset' : 'keep'}
          />
        )}
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? 'Uploading…' : 'Upload'}
      </button>
    </form>
  )
}
