'use client'

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import {
  HELD_POSTS_COOKIE,
  HONEYPOT_FIELD,
  MAX_TOKEN_AGE_MS,
  TOKEN_FIELD,
  heldPostIds,
  tokenIssuedAt,
  type CommentFormState,
} from '@/lib/comments/fields'

interface Props {
  postId: string
  action: (prev: CommentFormState, formData: FormData) => Promise<CommentFormState>
  /** The token rendered into the (cached) page; replaced by a fresh one when it is getting old. */
  token: string
  /** Set on the no-JavaScript reply page. */
  replyTo?: { id: string; authorName: string }
}

type Held = { id: string; authorName: string; html: string }

const readCookie = () => (typeof document === 'undefined' ? '' : document.cookie)
const noSubscribe = () => () => {}

function cookieValue(cookie: string, name: string): string | undefined {
  const raw = cookie
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1)
  try {
    return raw === undefined ? undefined : decodeURIComponent(raw)
  } catch {
    return undefined
  }
}

function rememberedCommenter(cookie: string): { name?: string; email?: string; url?: string } {
  const raw = cookieValue(cookie, 'daisy_commenter')
  if (!raw) return {}
  try {
    return JSON.parse(raw)
  } catch {
    return {}
  }
}

// The cached page's token stays valid for MAX_TOKEN_AGE_MS; past half of it (far beyond any clock error),
// a reader who starts writing gets a fresh one.
const TOKEN_REFRESH_AGE_MS = MAX_TOKEN_AGE_MS / 2

/** The comment form: a plain HTML form posting to a server action, enhanced when JavaScript runs. */
export function CommentForm({ postId, action, token: initialToken, replyTo: initialReply }: Props) {
  const [state, formAction, pending] = useActionState(action, {} as CommentFormState)
  const [token, setToken] = useState(initialToken)
  const [replyTo, setReplyTo] = useState(initialReply ?? null)
  const [held, setHeld] = useState<Held[]>([])
  const cookie = useSyncExternalStore(noSubscribe, readCookie, () => '')
  const remembered = rememberedCommenter(cookie)
  const contentRef = useRef<HTMLTextAreaElement>(null)
  const tokenAsked = useRef(false)
  const values = state.values ?? {}
  const errors = state.errors ?? {}

  // Only a browser that left comments awaiting moderation here asks for them (the held cookie itself is HttpOnly).
  useEffect(() => {
    if (!heldPostIds(cookieValue(document.cookie, HELD_POSTS_COOKIE)).includes(postId)) return
    let cancelled = false
    fetch(`/api/comments/held?post=${encodeURIComponent(postId)}`)
      .then((r) => (r.ok ? r.json() : null))
      .then((data: { held?: Held[] } | null) => !cancelled && data?.held && setHeld(data.held))
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [postId])

  // The page may have been cached for weeks: when the reader starts writing, swap a token close to expiry.
  const refreshToken = () => {
    // A token that cannot be read (NaN) is replaced too.
    if (tokenAsked.current || Date.now() - tokenIssuedAt(token) <= TOKEN_REFRESH_AGE_MS) return
    tokenAsked.current = true
    fetch(`/api/comments/token?post=${encodeURIComponent(postId)}`)
      .then((r) => (r.ok ? r.json() : null))
      .then((data: { token?: string } | null) => data?.token && setToken(data.token))
      .catch(() => undefined)
  }

  // "Reply" links work without JavaScript (they open a reply page); with it, they point this form instead.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a.comment-reply-link')
      const id = link && new URL(link.href).searchParams.get('replytocom')
      if (!id) return
      event.preventDefault()
      setReplyTo({ id, authorName: link.dataset.author ?? '' })
      document.getElementById('respond')?.scrollIntoView({ block: 'start' })
      contentRef.current?.focus()
    }
    document.addEventListener('click', onClick)
    return () => document.removeEventListener('click', onClick)
  }, [])

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
        <button type="submit" disabled={pending}>
          {pending ? 'Sending…' : 'Post comment'}
        </button>
      </form>
    </section>
  )
}
