// The comment form's fields: the comment, and who wrote it (name, email, website).
import type { RefObject } from 'react'
import type { CommentFormState } from '@/lib/comments/fields'
import { Field } from './field'

type Commenter = { name?: string; email?: string; url?: string }

export function CommentFields({
  values,
  errors,
  remembered,
  message,
  contentRef,
}: {
  /** What a refused comment sends back, to show again. */
  values: Record<string, string>
  errors: NonNullable<CommentFormState['errors']>
  /** The details this browser was asked to remember: what the fields hold when nothing was sent back. */
  remembered: Commenter
  /** The form's last answer: each new one remounts the comment box with what came back (nothing once sent). */
  message: string | undefined
  /** The comment's textarea, focused when a reply link points the form at a comment. */
  contentRef: RefObject<HTMLTextAreaElement | null>
}) {
  const field = (name: keyof Commenter) => values[name] ?? remembered[name] ?? ''
  return (
    <>
      <Field
        id="comment-content"
        messageId="content"
        label="Comment"
        hint="Paragraphs, *emphasis*, **strong**, `code` and links work; anything else shows as typed."
        errors={errors.content}
      >
        {(control) => (
          <textarea
            ref={contentRef}
            {...control}
            name="content"
            rows={6}
            required
            maxLength={5000}
            defaultValue={values.content ?? ''}
            key={`c-${message ?? ''}`}
          />
        )}
      </Field>
      <Field id="comment-name" messageId="name" label="Name" errors={errors.name}>
        {(control) => (
          <input
            {...control}
            name="name"
            type="text"
            required
            maxLength={100}
            autoComplete="name"
            defaultValue={field('name')}
            key={`n-${field('name')}`}
          />
        )}
      </Field>
      <Field
        id="comment-email"
        messageId="email"
        label="Email"
        hint="Never shown. Your avatar is drawn from it, here, without any outside service."
        errors={errors.email}
      >
        {(control) => (
          <input
            {...control}
            name="email"
            type="email"
            required
            maxLength={254}
            autoComplete="email"
            defaultValue={field('email')}
            key={`e-${field('email')}`}
          />
        )}
      </Field>
      <Field id="comment-url" messageId="url" label="Website (optional)" errors={errors.url}>
        {(control) => (
          <input
            {...control}
            name="url"
            type="url"
            maxLength={300}
            autoComplete="url"
            defaultValue={field('url')}
            key={`u-${field('url')}`}
          />
        )}
      </Field>
    </>
  )
}
