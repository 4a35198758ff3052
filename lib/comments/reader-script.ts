// The comment form's behaviour on reader pages served as plain HTML (DAISY_READER_JS=plain, no framework
// runtime): the same things the React form does once hydrated — details remembered by "Save my name…" filled
// in, this browser's comments awaiting moderation shown above the form, a fresh token for a page cached for
// weeks, replies from the page's own form, and "Sending…". The form itself works without any of it (a
// full-page post). Bundled into one small file the page loads `defer` (server/reader-script.ts); it does
// nothing on a page without a comment form. Constants and cookie code are the server's own.
import { hasHeldComments, rememberedCommenter } from './browser-cookies'
import { TOKEN_FIELD, TOKEN_REFRESH_AGE_MS, tokenIssuedAt, type HeldComment } from './fields'

const form = document.querySelector<HTMLFormElement>('form.comment-form')
const postId = form?.dataset.post
if (form && postId) {
  fillRemembered(form)
  void showHeld(form, postId)
  freshTokenOnFocus(form, postId)
  replyFromThisPage(form)
  sayWhenSending(form)
}

function input(form: HTMLFormElement, name: string): HTMLInputElement | null {
  return form.querySelector<HTMLInputElement>(`[name="${name}"]`)
}

/** Name, email and site saved by "Save my name…", in fields still empty (never over what was typed). */
function fillRemembered(form: HTMLFormElement) {
  const remembered = rememberedCommenter(document.cookie)
  for (const name of ['name', 'email', 'url'] as const) {
    const field = input(form, name)
    if (field && !field.value && typeof remembered[name] === 'string') field.value = remembered[name]
  }
  const remember = input(form, 'remember')
  if (remember && remembered.name) remember.checked = true
}

/** Asked only by a browser that left comments here (the held cookie itself is HttpOnly). */
async function showHeld(form: HTMLFormElement, postId: string) {
  if (!hasHeldComments(document.cookie, postId)) return
  const response = await fetch(`/api/comments/held?post=${encodeURIComponent(postId)}`).catch(() => null)
  const data = response?.ok ? ((await response.json().catch(() => null)) as { held?: HeldComment[] } | null) : null
  const held = data?.held ?? []
  const section = form.closest('#respond')
  if (!section || held.length === 0 || section.querySelector('.held-comments')) return
  const list = document.createElement('div')
  list.className = 'held-comments'
  list.setAttribute('role', 'status')
  for (const comment of held) {
    const item = document.createElement('div')
    item.className = 'comment held'
    item.id = `comment-${comment.id}`
    const notice = document.createElement('p')
    notice.className = 'notice'
    notice.textContent = 'Your comment is awaiting moderation.'
    const author = document.createElement('p')
    author.className = 'comment-author'
    author.textContent = comment.authorName
    const body = document.createElement('div')
    body.className = 'comment-body'
    // The comment's HTML as the server rendered and sanitised it (the same the React form shows).
    body.innerHTML = comment.html
    item.append(notice, author, body)
    list.append(item)
  }
  section.prepend(list)
}

/** The page may have been cached for weeks: an old (or unreadable) token is swapped once the reader starts. */
function freshTokenOnFocus(form: HTMLFormElement, postId: string) {
  const token = input(form, TOKEN_FIELD)
  if (!token) return
  const refresh = () => {
    if (Date.now() - tokenIssuedAt(token.value) <= TOKEN_REFRESH_AGE_MS) return
    form.removeEventListener('focusin', refresh)
    fetch(`/api/comments/token?post=${encodeURIComponent(postId)}`)
      .then((r) => (r.ok ? (r.json() as Promise<{ token?: string }>) : null))
      .then((data) => {
        if (data?.token) token.value = data.token
      })
      .catch(() => undefined)
  }
  form.addEventListener('focusin', refresh)
}

/** "Reply" links open a reply page without JavaScript; here they point this form at the comment instead. */
function replyFromThisPage(form: HTMLFormElement) {
  const parent = input(form, 'parentId')
  const heading = document.getElementById('respond-heading')
  if (!parent || !heading) return
  const original = heading.textContent
  let cancel: HTMLElement | null = null
  const reset = () => {
    parent.value = ''
    heading.textContent = original
    cancel?.remove()
    cancel = null
  }
  // One listener for the document: threads may hold hundreds of links.
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a.comment-reply-link')
    const id = link && new URL(link.href).searchParams.get('replytocom')
    if (!link || !id) return
    event.preventDefault()
    parent.value = id
    heading.textContent = `Reply to ${link.dataset.author ?? ''}`
    if (!cancel) {
      cancel = document.createElement('p')
      const button = document.createElement('button')
      button.type = 'button'
      button.className = 'secondary'
      button.textContent = 'Cancel reply'
      button.addEventListener('click', reset)
      cancel.append(button)
      heading.after(cancel)
    }
    document.getElementById('respond')?.scrollIntoView({ block: 'start' })
    form.querySelector<HTMLTextAreaElement>('textarea[name="content"]')?.focus()
  })
}

/** The button says the form is on its way, and cannot send it twice; back from the history, it is ready again. */
function sayWhenSending(form: HTMLFormElement) {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')
  if (!button) return
  const label = button.textContent
  form.addEventListener('submit', () => {
    // After the form data is taken: the button has no name, so disabling it changes nothing that is sent.
    setTimeout(() => {
      button.disabled = true
      button.textContent = 'Sending…'
    })
  })
  window.addEventListener('pageshow', () => {
    button.disabled = false
    button.textContent = label
  })
}
