'use client'
// The post editor's title, and the slug: the address made from it unless the author writes one.

import { Field } from '../field'
import type { EditorFields } from './use-post-editor'

export function TitleFields({ values, errors, set }: EditorFields) {
  return (
    <>
      <Field id="title" label="Title" errors={errors.title}>
        {(control) => (
          <input
            {...control}
            name="title"
            type="text"
            value={values.title}
            onChange={set('title')}
            required
            maxLength={200}
          />
        )}
      </Field>
      <Field
        id="slug"
        label="Slug"
        hint="The address of the post; left empty, it is made from the title."
        errors={errors.slug}
      >
        {(control) => (
          <input
            {...control}
            name="slug"
            type="text"
            value={values.slug}
            onChange={set('slug')}
            maxLength={80}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
          />
        )}
      </Field>
    </>
  )
}
