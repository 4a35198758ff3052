'use client'
// The public comment form and its fields; what it does once JavaScript runs (remembered details, held comments,
// fresh tokens, in-page replies) comes from lib/comments/browser-cookies.ts and the hooks beside it.

import { useActionState, useState, useSyncExternalStore } from 'react'
import { rememberedCommenter } from '@/lib/comments/browser-cookies'
import { HONEYPOT_FIELD, TOKEN_FIELD, type CommentFormState } from '@/lib/comments/fields'
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
  const describe = (name: string, hint?: boolean) =>
    [hint ? `${name}-hint` : '', errors[name as keyof typeof errors] ? `${name}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined

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
        <div className="field">
          <label htmlFor="comment-content">Comment</label>
          <textarea
            ref={contentRef}
            id="comment-content"
            name="content"
            rows={6}
            required
            maxLength={5000}
            defaultValue={values.content ?? ''}
            key={`c-${state.message ?? ''}`}
            aria-invalid={!!errors.content}
            aria-describedby={describe('content', true)}
          />
          <p id="content-hint" className="hint">
            Paragraphs, *emphasis*, **strong**, `code` and links work; anything else shows as typed.
          </p>
          {errors.content && (
            <p id="content-error" className="field-error">
              {errors.content.join(' ')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="comment-name">Name</label>
          <input
            id="comment-name"
            name="name"
            type="text"
            required
            maxLength={100}
            autoComplete="name"
            defaultValue={field('name')}
            key={`n-${field('name')}`}
            aria-invalid={!!errors.name}
            aria-describedby={describe('name')}
          />
          {errors.name && (
            <p id="name-error" className="field-error">
              {errors.name.join(' ')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="comment-email">Email</label>
          <input
            id="comment-email"
            name="email"
            type="email"
            required
            maxLength={254}
            autoComplete="email"
            defaultValue={field('email')}
            key={`e-${field('email')}`}
            aria-invalid={!!errors.email}
            aria-describedby={describe('email', true)}
          />
          <p id="email-hint" className="hint">
            Never shown. Your avatar is drawn from it, here, without any outside service.
          </p>
          {errors.email && (
            <p id="email-error" className="field-error">
              {errors.email.join(' ')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="comment-url">Website (optional)</label>
          <input
            id="comment-url"
            name="url"
            type="url"
            maxLength={300}
            autoComplete="url"
            defaultValue={field('url')}
            key={`u-${field('url')}`}
            aria-invalid={!!errors.url}
            aria-describedby={describe('url')}
          />
          {errors.url && (
            <p id="url-error" className="field-error">
              {errors.url.join(' ')}
            </p>
          )}
        </div>
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
