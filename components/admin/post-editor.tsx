'use client'
// The post (and page) editor's form: its fields, kept as typed through failed saves. Autosave, preview, image
// insertion and the status buttons are beside it.

import { useActionState, useCallback, useRef, useState } from 'react'
import { savePostAction } from '@/lib/posts/actions'
import type { PostFormState } from '@/lib/posts/schema'
import { Field } from '../field'
import { ImageInserter, withImage, type MediaChoice } from './image-inserter'
import { PreviewPane } from './preview-pane'
import { EditorStatus, ScheduleButtons, StatusButtons } from './status-buttons'
import { useAutosave } from './use-autosave'
import { useLeaveWarning } from './use-leave-warning'
import { Options } from './options'

export interface EditorPost {
  id: string | null
  type: 'POST' | 'PAGE'
  status: 'DRAFT' | 'SCHEDULED' | 'PUBLISHED'
  title: string
  slug: string
  /** MARKDOWN for posts written here; HTML for posts imported from WordPress. */
  format: 'MARKDOWN' | 'HTML'
  source: string
  excerpt: string
  password: string
  tags: string
  commentsOpen: boolean
  pingsOpen: boolean
  featuredImageId: string
  publishAt: string
  publicUrl: string | null
}

export function PostEditor({ post, media, timezone }: { post: EditorPost; media: MediaChoice[]; timezone: string }) {
  const idRef = useRef(post.id)
  // Every field is controlled, so a failed save never loses what was typed.
  const [values, setValues] = useState(() => ({
    title: post.title,
    slug: post.slug,
    source: post.source,
    excerpt: post.excerpt,
    password: post.password,
    tags: post.tags,
    publishAt: post.publishAt,
    featuredImageId: post.featuredImageId,
  }))
  // Controlled too: React resets uncontrolled fields after a form action, which would undo a change.
  const [flags, setFlags] = useState({ commentsOpen: post.commentsOpen, pingsOpen: post.pingsOpen })
  const [dirty, setDirty] = useState(false)
  const [state, formAction, saving] = useActionState(async (prev: PostFormState, formData: FormData) => {
    const result = await savePostAction(idRef.current, prev, formData)
    if (result.ok) {
      // Saved: the form is clean again, and shows the slug the server settled on.
      setDirty(false)
      if (result.values?.slug) setValues((v) => ({ ...v, slug: result.values!.slug! }))
    }
    return result
  }, {} as PostFormState)
  const formRef = useRef<HTMLFormElement>(null)
  const sourceRef = useRef<HTMLTextAreaElement>(null)
  const errors = state.errors ?? {}

  // Leaving with unsaved changes asks first.
  useLeaveWarning(dirty)

  const markClean = useCallback(() => setDirty(false), [])
  const autosaveNote = useAutosave({
    formRef,
    idRef,
    due: dirty && !saving && post.status === 'DRAFT' && !!values.title.trim(),
    values,
    onSaved: markClean,
  })

  const set =
    (name: keyof typeof values) =>
    (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      setValues((v) => ({ ...v, [name]: event.target.value }))
      setDirty(true)
    }

  function insertImage(item: MediaChoice) {
    const source = withImage(values.source, sourceRef.current?.selectionStart ?? values.source.length, item)
    setValues((v) => ({ ...v, source }))
    setDirty(true)
  }

  const kind = post.type === 'PAGE' ? 'page' : 'post'
  return (
    <form ref={formRef} action={formAction} className="editor" noValidate onChange={() => setDirty(true)}>
      <input type="hidden" name="type" value={post.type} />
      <div className="stack">
        <div
          role="status"
          aria-live="polite"
          className={state.ok ? 'notice success' : state.message ? 'notice' : undefined}
        >
          {state.message}
          {errors.form && <p className="form-error">{errors.form.join(' ')}</p>}
        </div>
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
        <div className="editor-panes">
          <Field
            id="source"
            label={post.format === 'HTML' ? 'Body (HTML, imported)' : 'Body (Markdown)'}
            errors={errors.source}
          >
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
          <PreviewPane source={values.source} format={post.format} />
        </div>
        <Field
          id="excerpt"
          label="Excerpt"
          hint="Shown on lists and in search results; left empty, the first words are used."
          errors={errors.excerpt}
        >
          {(control) => (
            <textarea {...control} name="excerpt" rows={3} value={values.excerpt} onChange={set('excerpt')} />
          )}
        </Field>
      </div>
      <aside className="editor-sidebar" aria-label="Publishing">
        <EditorStatus
          status={post.status}
          kind={kind}
          publicUrl={post.publicUrl}
          note={saving ? 'Saving…' : (autosaveNote ?? (dirty ? 'Unsaved changes' : ''))}
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
        <Field id="tags" label="Tags" hint="Separated by commas; new tags are created." errors={errors.tags}>
          {(control) => <input {...control} name="tags" type="text" value={values.tags} onChange={set('tags')} />}
        </Field>
        <Field
          id="trackbacks"
          label="Send TrackBacks to"
          hint="TrackBack URLs, one a line; sent when the post is published. Links in the post get webmentions and pingbacks by themselves."
          errors={errors.trackbacks}
        >
          {(control) => (
            <textarea {...control} name="trackbacks" rows={2} defaultValue={state.values?.trackbacks ?? ''} />
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            name="commentsOpen"
            checked={flags.commentsOpen}
            onChange={(e) => setFlags((f) => ({ ...f, commentsOpen: e.target.checked }))}
          />{' '}
          Allow comments
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="pingsOpen"
            checked={flags.pingsOpen}
            onChange={(e) => setFlags((f) => ({ ...f, pingsOpen: e.target.checked }))}
          />{' '}
          Allow trackbacks and pingbacks
        </label>
        <Field id="featuredImageId" label="Featured image">
          {(control) => (
            <select
              {...control}
              name="featuredImageId"
              value={values.featuredImageId}
              onChange={set('featuredImageId')}
            >
              <option value="">None</option>
              <Options items={media} value={(m) => m.id} label={(m) => m.alt} />
            </select>
          )}
        </Field>
        <ImageInserter media={media} onInsert={insertImage} />
      </aside>
    </form>
  )
}
