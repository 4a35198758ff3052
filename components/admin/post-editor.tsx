'use client'
// The post (and page) editor's form: the writing on the left, the publishing panel beside it. Its state lives in
// use-post-editor.ts; each group of fields in a module of its own.

import { BodyEditor } from './body-editor'
import { ExcerptField } from './excerpt-field'
import type { MediaChoice } from './image-inserter'
import { PublishingPanel } from './publishing-panel'
import { TitleFields } from './title-fields'
import { usePostEditor, type EditorPost } from './use-post-editor'

export type { EditorPost } from './use-post-editor'

export function PostEditor({ post, media, timezone }: { post: EditorPost; media: MediaChoice[]; timezone: string }) {
  const { formRef, sourceRef, state, formAction, saving, markDirty, fields, flags, setFlag, insertImage, note } =
    usePostEditor(post)
  return (
    <form ref={formRef} action={formAction} className="editor" noValidate onChange={markDirty}>
      <input type="hidden" name="type" value={post.type} />
      <div className="stack">
        <div
          role="status"
          aria-live="polite"
          className={state.ok ? 'notice success' : state.message ? 'notice' : undefined}
        >
          {state.message}
          {fields.errors.form && <p className="form-error">{fields.errors.form.join(' ')}</p>}
        </div>
        <TitleFields {...fields} />
        <BodyEditor {...fields} format={post.format} sourceRef={sourceRef} />
        <ExcerptField {...fields} />
      </div>
      <PublishingPanel
        {...fields}
        post={post}
        timezone={timezone}
        media={media}
        saving={saving}
        note={note}
        trackbacks={state.values?.trackbacks ?? ''}
        flags={flags}
        setFlag={setFlag}
        onInsertImage={insertImage}
      />
    </form>
  )
}
