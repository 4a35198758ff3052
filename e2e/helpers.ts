// Shared steps for the specs: signing in, sending forms as a browser would, and reading what came back.
import { expect, type APIRequestContext, type Page } from '@playwright/test'
import { readDb } from './db'
import { e2eServerEnv } from './env'
import { FORM_TOKEN_PURPOSE, MAX_TOKEN_AGE_MS } from '../lib/comments/fields'
import { sealWith } from '../lib/signing/seal'

export async function signIn(page: Page, email: string, password: string, callbackUrl = '/admin') {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`)
  await field(page, 'Email').fill(email)
  await field(page, 'Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // A password hash takes a moment, more on a busy machine.
  await expect(page).toHaveURL(new RegExp(`${callbackUrl.replace(/[/?]/g, '\\$&')}$`), { timeout: 15_000 })
}

/**
 * A form field by its label, among visible elements only: with Cache Components, Next keeps the previous
 * page mounted but hidden after a client navigation, so a label can match twice.
 */
export function field(page: Page, label: string | RegExp) {
  return page.getByLabel(label).filter({ visible: true })
}

/**
 * Where a redirect points. Next sends the Location header twice (same value) on the first, uncached render
 * of a redirecting page; the values must agree.
 */
export function redirectTarget(response: { headers(): Record<string, string> }): string | undefined {
  const values = [
    ...new Set(
      (response.headers().location ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ]
  expect(values.length, `one redirect target, got ${values.join(' | ')}`).toBeLessThanOrEqual(1)
  return values[0]
}

/**
 * A comment form token issued ten seconds ago, signed as lib/comments/form-token.ts signs it: a form sent
 * with it passes the time trap (at least 3 s between showing and sending) without anyone waiting.
 */
export function backdatedFormToken(postId: string) {
  // Made as the server makes it (lib/comments/form-token.ts), with the e2e server's secret: pure code, no settings.
  return sealWith(e2eServerEnv.NEXTAUTH_SECRET!, FORM_TOKEN_PURPOSE, postId, Date.now() - 10_000 + MAX_TOKEN_AGE_MS)
}

/**
 * Waits until the page's scripts have hydrated it and its first fetches are answered. Until then React may
 * still write over what a test put in a field: the comment form's hidden token is reset to the rendered one
 * whenever the form renders again (its held comments arriving, say), and a password typed before hydration
 * may not be the one sent.
 */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle')
}

/** Puts a backdated token in the comment form `page` shows (once the page has settled: see `settled`). */
export async function backdateFormToken(page: Page, postId: string) {
  await settled(page)
  await page
    .locator('input[name="form_token"]')
    .evaluate((input: HTMLInputElement, value) => (input.value = value), backdatedFormToken(postId))
}

/** The id of the post at `slug`. */
export async function postIdOf(slug: string): Promise<string> {
  return (await readDb((db) => db.post.findUniqueOrThrow({ where: { slug }, select: { id: true } }))).id
}

/** One sign-in through next-auth's own endpoints, as a script would: the error it answers, or null. */
export async function apiSignIn(
  request: APIRequestContext,
  email: string,
  password: string,
  clientAddress?: string,
): Promise<string | null> {
  const headers = clientAddress ? { 'x-forwarded-for': clientAddress } : undefined
  const { csrfToken } = await (await request.get('/api/auth/csrf', { headers })).json()
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
    headers,
    maxRedirects: 0,
  })
  const { url } = (await response.json()) as { url: string }
  return new URL(url).searchParams.get('error')
}

/** Publishes a password-protected post from the editor `page` is on (/admin/posts/new, signed in). */
export async function publishProtectedPost(
  page: Page,
  post: { title: string; slug: string; body: string; password: string },
) {
  await field(page, 'Title').fill(post.title)
  await field(page, 'Body (Markdown)').fill(post.body)
  await field(page, 'Slug').fill(post.slug)
  await field(page, 'Password').fill(post.password)
  await page.getByRole('button', { name: 'Publish now' }).click()
  await expect(page).toHaveURL(/\?saved=1$/)
}

/**
 * Sends the comment form of post `slug` as `who`, past the time trap (a backdated token); `notify` ticks
 * "Notify me of replies by email".
 */
export async function sendComment(
  page: Page,
  slug: string,
  who: { text: string; name: string; email: string; notify?: boolean },
) {
  await page.goto(`/posts/${slug}`)
  await backdateFormToken(page, await postIdOf(slug))
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill(who.text)
  await form.getByLabel('Name', { exact: true }).fill(who.name)
  await form.getByLabel('Email', { exact: true }).fill(who.email)
  if (who.notify) await form.getByLabel('Notify me of replies by email').check()
  await form.getByRole('button', { name: 'Post comment' }).click()
}

/** Admin pages every signed-in user opens (AUTHOR or ADMIN). */
export const AUTHOR_PAGES = [
  '/admin',
  '/admin/posts',
  '/admin/posts/new',
  '/admin/pages',
  '/admin/pages/new',
  '/admin/comments',
  '/admin/media',
  '/admin/profile',
]

/** Admin pages only an ADMIN opens; an AUTHOR gets the 403 "Not allowed" page. */
export const ADMIN_ONLY_PAGES = ['/admin/settings', '/admin/users', '/admin/mail', '/admin/import', '/admin/export']
