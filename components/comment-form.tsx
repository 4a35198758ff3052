'use client'
// The public comment form and its fields; what it does once JavaScript runs (remembered details, held comments,
// fresh tokens, in-page replies) comes from lib/comments/browser-cookies.ts and the hooks beside it.

import { useActionState, useState, useSyncExternalStore } from 'react'
import { rememberedCommenter } from '@/lib/comments/browser-cookies'
import { HONEYPOT_FIELD, TOKEN_FIELD, type CommentFormState } from '@/lib/comments/fields'
import { Field } from './field'
import { useFormToken, useHeldComments } from './use-comment-fetches'
import { useReplyLinks } from './use-reply-links'

interface Props {
  postId: string
  action: (prev: CommentFormState, formData: FormData) => Promise<CommentFormState>
  /** The token rendered into the (cached) page; replaced by a fresh one when it is getting old. */
  token: string
  /** Set on the no-JavaScript reply page. */
  replyTo?: { id: string; authorName: string }
}

const readCookie = () => (typeof document === 'undefined' ? '' : document.cookie)
const noSubscribe = () => () => {}

/** The comment form: a plain HTML form posting to a server action, enhanced when JavaScript runs. */
export function CommentForm({ postId, action, token: initialToken, replyTo: initialReply }: Props) {
  const [state, formAction, pending] = useActionState(action, {} as CommentFormState)
  const [token, refreshToken] = useFormToken(postId, initialToken)
  const [replyTo, setReplyTo] = useState(initialReply ?? null)
  const held = useHeldComments(postId)
  const contentRef = useReplyLinks(setReplyTo)
  const cookie = useSyncExternalStore(noSubscribe, readCookie, () => '')
  const remembered = rememberedCommenter(cookie)
  const values = state.values ?? {}
  const errors = state.errors ?? {}

  const shownHeld = state.held && !held.some((h) => h.id === state.held!.id) ? [...held, state.held] : held
  const field = (name: 'name' | 'email' | 'url') => values[name] ?? remembered[name] ?? ''

  return (
    <section id="respond" className="comment-respond" aria-labelledby="respond-heading">
      {shownHeld.length > 0 && (
        <div className="held-comments" role="status">
          {shownHeld.map((h) => (
            <div key={h.id} className="comment held" id={`comment-${h.id}`}>
              <p className="notice">Your comment is awaiting moderation.</p>
              <p className="comment-author">{h.authorName}</p>
              <div className="comment-body" dangerouslySetInnerHTML={{ __html: h.html }} />
            </div>
          ))}
        </div>
      )}
      <h2 id="respond-heading">{replyTo ? `Reply to ${replyTo.authorName}` : 'Leave a comment'}</h2>
      {replyTo && (
        <p>
          <button type="button" className="secondary" onClick={() => setReplyTo(null)}>
            Cancel reply
          </button>
        </p>
      )}
      <form action={formAction} onFocus={refreshToken} className="stack comment-form" noValidate>
        <div
          role="status"
          aria-live="polite"
          className={state.message ? (state.ok ? 'notice success' : 'notice') : undefined}
        >
          {state.message}
        </div>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form.join(' ')}
          </p>
        )}
        <input type="hidden" name="parentId" value={replyTo?.id ?? ''} />
        <input type="hidden" name={TOKEN_FIELD} value={values[TOKEN_FIELD] ?? token} />
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={HONEYPOT_FIELD}>Leave this field empty</label>
          <input
            id={HONEYPOT_FIELD}
            name={HONEYPOT_FIELD}
            type="text"
            tabIndex={-1}
            autoComplete="off"
            defaultValue=""
          />
        </div>
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
              key={`c-${state.message ?? ''}`}
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
        <label className="checkbox">
          <input type="checkbox" name="remember" defaultChecked={!!remembered.name || values.remember === 'on'} /> Save
          my name, email and website in this browser for the next time I comment
        </label>
        <label className="checkbox">
          <input type="checkbox" name="notify" defaultChecked={values.notify === 'on'} key={`n-${values.notify}`} />{' '}
          Notify me of replies by email
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="notifyAll"
            defaultChecked={values.notifyAll === 'on'}
            key={`na-${values.notifyAll}`}
          />{' '}
          Notify me of every new comment on this post
        </label>
        <button type="submit" disabled={pending}>
          {pending ? 'Sending…' : 'Post comment'}
        </button>
      </form>
    </section>
  )
}
