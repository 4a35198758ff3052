'use client'
// The post editor's side panel: the post's status and the buttons that save it, when to publish, who may read
// it, and what goes with it (tags, linkbacks, discussion, images).

import { Field } from '../field'
import { DiscussionFields } from './discussion-fields'
import { FeaturedImageField } from './featured-image-field'
import { ImageInserter, type MediaChoice } from './image-inserter'
import { EditorStatus, ScheduleButtons, StatusButtons } from './status-buttons'
import { TagsField } from './tags-field'
import type { EditorFields, EditorFlags, EditorPost } from './use-post-editor'

interface Props extends EditorFields {
  post: EditorPost
  timezone: string
  media: MediaChoice[]
  saving: boolean
  /** What is happening to the form now: saving, autosaved, unsaved changes. */
  note: string
  trackbacks: string
  flags: EditorFlags
  setFlag: (name: keyof EditorFlags, on: boolean) => void
  onInsertImage: (item: MediaChoice) => void
}

export function PublishingPanel({
  post,
  timezone,
  media,
  saving,
  note,
  trackbacks,
  flags,
  setFlag,
  onInsertImage,
  ...fields
}: Props) {
  const { values, errors, set } = fields
  return (
    <aside className="editor-sidebar" aria-label="Publishing">
      <EditorStatus
        status={post.status}
        kind={post.type === 'PAGE' ? 'page' : 'post'}
        publicUrl={post.publicUrl}
        note={note}
      />
      <StatusButtons status={post.status} saving={saving} />
      <Field
        id="publishAt"
        label={`Publish at (${timezone})`}
        hint="Pick a future time, then Schedule."
        errors={errors.publishAt}
      >
        {(control) => (
          <input
            {...control}
            name="publishAt"
            type="datetime-local"
            step={1}
            value={values.publishAt}
            onChange={set('publishAt')}
          />
        )}
      </Field>
      <ScheduleButtons status={post.status} saving={saving} />
      <Field
        id="password"
        label="Password"
        hint="Readers must enter it to see the body and the comments; leave empty for a public post."
        errors={errors.password}
      >
        {(control) => (
          <input
            {...control}
            name="password"
            type="text"
            autoComplete="off"
            value={values.password}
            onChange={set('password')}
            maxLength={100}
          />
        )}
      </Field>
      <TagsField {...fields} />
      <DiscussionFields errors={errors} trackbacks={trackbacks} flags={flags} setFlag={setFlag} />
      <FeaturedImageField {...fields} media={media} />
      <ImageInserter media={media} onInsert={onInsertImage} />
    </aside>
  )
}
