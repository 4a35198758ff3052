'use client'
// The post editor's excerpt: what lists and search results show of the post.

import { Field } from '../field'
import type { EditorFields } from './use-post-editor'

export function ExcerptField({ values, errors, set }: EditorFields) {
  return (
    <Field
      id="excerpt"
      label="Excerpt"
      hint="Shown on lists and in search results; left empty, the first words are used."
      errors={errors.excerpt}
    >
      {(control) => <textarea {...control} name="excerpt" rows={3} value={values.excerpt} onChange={set('excerpt')} />}
    </Field>
  )
}
