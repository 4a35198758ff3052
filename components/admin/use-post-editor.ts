'use client'
// The post editor's state: every field's value, kept through failed saves; unsaved changes; saving by hand
// and by autosave; and the note that tells the author which of these is happening.

import { useActionState, useCallback, useRef, useState, type ChangeEvent } from 'react'
import { savePostAction } from '@/lib/posts/actions'
import type { PostFormState } from '@/lib/posts/schema'
import { withImage, type MediaChoice } from './image-inserter'
import { useAutosave } from './use-autosave'
import { useLeaveWarning } from './use-leave-warning'

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

export type EditorValues = Pick<
  EditorPost,
  'title' | 'slug' | 'source' | 'excerpt' | 'password' | 'tags' | 'publishAt' | 'featuredImageId'
>
export type EditorFlags = Pick<EditorPost, 'commentsOpen' | 'pingsOpen'>
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement

/** What each group of the editor's fields is given: the values, their errors, and a change handler per field. */
export interface EditorFields {
  values: EditorValues
  errors: NonNullable<PostFormState['errors']>
  set: (name: keyof EditorValues) => (event: ChangeEvent<Control>) => void
}

export function usePostEditor(post: EditorPost) {
  const idRef = useRef(post.id)
  // Every field is controlled, so a failed save never loses what was typed.
  const [values, setValues] = useState<EditorValues>(() => ({
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
  const [flags, setFlags] = useState<EditorFlags>({ commentsOpen: post.commentsOpen, pingsOpen: post.pingsOpen })
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

  const set: EditorFields['set'] = (name) => (event) => {
    setValues((v) => ({ ...v, [name]: event.target.value }))
    setDirty(true)
  }

  function setFlag(name: keyof EditorFlags, on: boolean) {
    setFlags((f) => ({ ...f, [name]: on }))
  }

  function insertImage(item: MediaChoice) {
    const source = withImage(values.source, sourceRef.current?.selectionStart ?? values.source.length, item)
    setValues((v) => ({ ...v, source }))
    setDirty(true)
  }

  return {
    formRef,
    sourceRef,
    state,
    formAction,
    saving,
    markDirty: () => setDirty(true),
    fields: { values, errors: state.errors ?? {}, set } satisfies EditorFields,
    flags,
    setFlag,
    insertImage,
    note: saving ? 'Saving…' : (autosaveNote ?? (dirty ? 'Unsaved changes' : '')),
  }
}
