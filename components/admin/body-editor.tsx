'use client'
// The post editor's body: the source as the author writes it, beside its live preview.

import type { RefObject } from 'react'
import { Field } from '../field'
import { PreviewPane } from './preview-pane'
import type { EditorFields } from './use-post-editor'

export function BodyEditor({
  values,
  errors,
  set,
  format,
  sourceRef,
}: EditorFields & {
  format: 'MARKDOWN' | 'HTML'
  /** Where an inserted image goes: at the cursor in this textarea. */
  sourceRef: RefObject<HTMLTextAreaElement | null>
}) {
  return (
    <div className="editor-panes">
      <Field id="source" label={format === 'HTML' ? 'Body (HTML, imported)' : 'Body (Markdown)'} errors={errors.source}>
        {(control) => (
          <textarea
            ref={sourceRef}
            {...control}
            name="source"
            rows={24}
            value={values.source}
            onChange={set('source')}
          />
        )}
      </Field>
      <PreviewPane source={values.source} format={format} />
    </div>
  )
}
