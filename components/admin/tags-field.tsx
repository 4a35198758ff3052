'use client'
// The post editor's tags: one text field, the tags separated by commas.

import { Field } from '../field'
import type { EditorFields } from './use-post-editor'

export function TagsField({ values, errors, set }: EditorFields) {
  return (
    <Field id="tags" label="Tags" hint="Separated by commas; new tags are created." errors={errors.tags}>
      {(control) => <input {...control} name="tags" type="text" value={values.tags} onChange={set('tags')} />}
    </Field>
  )
}
