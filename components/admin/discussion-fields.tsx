'use client'
// The post editor's discussion settings: TrackBacks to send, and whether comments and linkbacks are let in.

import { Field } from '../field'
import type { EditorFields, EditorFlags } from './use-post-editor'

export function DiscussionFields({
  errors,
  trackbacks,
  flags,
  setFlag,
}: {
  errors: EditorFields['errors']
  /** What the last save was sent; the field starts from it (unlike the others, it is not in the editor's state). */
  trackbacks: string
  flags: EditorFlags
  setFlag: (name: keyof EditorFlags, on: boolean) => void
}) {
  return (
    <>
      <Field
        id="trackbacks"
        label="Send TrackBacks to"
        hint="TrackBack URLs, one a line; sent when the post is published. Links in the post get webmentions and pingbacks by themselves."
        errors={errors.trackbacks}
      >
        {(control) => <textarea {...control} name="trackbacks" rows={2} defaultValue={trackbacks} />}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          name="commentsOpen"
          checked={flags.commentsOpen}
          onChange={(e) => setFlag('commentsOpen', e.target.checked)}
        />{' '}
        Allow comments
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          name="pingsOpen"
          checked={flags.pingsOpen}
          onChange={(e) => setFlag('pingsOpen', e.target.checked)}
        />{' '}
        Allow trackbacks and pingbacks
      </label>
    </>
  )
}
