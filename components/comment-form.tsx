'use client'
// The public comment form: its heading, answer and buttons around the parts in comment-fields.tsx,
// comment-preferences.tsx, comment-traps.tsx and held-comments.tsx. What it does once JavaScript runs (remembered
// details, held comments, fresh tokens, in-page replies) comes from lib/comments/browser-cookies.ts and the hooks.

import { useActionState, useState, useSyncExternalStore } from 'react'
import { rememberedCommenter } from '@/lib/comments/browser-cookies'
import type { CommentFormState } from '@/lib/comments/fields'
import { CommentFields } from './comment-fields'
import { CommentPreferences } from './comment-preferences'
import { CommentTraps } from './comment-traps'
import { HeldComments } from './held-comments'
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
  // The page that answers a post without JavaScript (a plain reader page's form) shows the held comment itself.
  const held = useHeldComments(postId, !state.held)
  const contentRef = useReplyLinks(setReplyTo)
  const cookie = useSyncExternalStore(noSubscribe, readCookie, () => '')
  const remembered = rememberedCommenter(cookie)
  const values = state.values ?? {}
  const errors = state.errors ?? {}

  const shownHeld = state.held && !held.some((h) => h.id === state.held!.id) ? [...held, state.held] : held

  return (
    <section id="respond" className="comment-respond" aria-labelledby="respond-heading">
      <HeldComments comments={shownHeld} />
      <h2 id="respond-heading">{replyTo ? `Reply to ${replyTo.authorName}` : 'Leave a comment'}</h2>
      {replyTo && (
        <p>
          <button type="button" className="secondary" onClick={() => setReplyTo(null)}>
            Cancel reply
          </button>
        </p>
      )}
      <form action={formAction} onFocus={refreshToken} className="stack comment-form" data-post={postId} noValidate>
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
        <CommentTraps values={values} token={token} />
        <CommentFields
          values={values}
          errors={errors}
          remembered={remembered}
          message={state.message}
          contentRef={contentRef}
        />
        <CommentPreferences values={values} remembered={remembered} />
        <button type="submit" disabled={pending}>
          {pending ? 'Sending…' : 'Post comment'}
        </button>
      </form>
    </section>
  )
}
