// Shared steps for the specs: signing in, and reading the e2e database the way the server sees it.
import { createHmac } from 'node:crypto'
import Database from 'better-sqlite3'
import { expect, type Page } from '@playwright/test'
import { e2eServerEnv } from './env'

export async function signIn(page: Page, email: string, password: string, callbackUrl = '/admin') {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`)
  await field(page, 'Email').fill(email)
  await field(page, 'Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // A password hash takes a moment, more on a busy machine.
  await expect(page).toHaveURL(new RegExp(`${callbackUrl.replace(/[/?]/g, '\\$&')}$`), { timeout: 15_000 })
}

/** A read-only look at the e2e database, to check what a request did (or did not) change. */
export function queryDb<T>(sql: string, ...params: unknown[]): T[] {
  const file = e2eServerEnv.DATABASE_URL!.replace(/^file:/, '')
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
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

/** A form token issued ten seconds ago (signed as the server would), so the time trap needs no waiting. */
export async function backdateFormToken(page: Page, postId: string) {
  const payload = `${postId}.${Date.now() - 10_000}`
  const token = `${payload}.${createHmac('sha256', e2eServerEnv.NEXTAUTH_SECRET!).update(payload).digest('base64url')}`
  await page
    .locator('input[name="form_token"]')
    .evaluate((input: HTMLInputElement, value) => (input.value = value), token)
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

/** Sends the comment form of post `slug` as `who`, past the time trap (a backdated token). */
export async function sendComment(page: Page, slug: string, who: { text: string; name: string; email: string }) {
  await page.goto(`/posts/${slug}`)
  const postId = queryDb<{ id: string }>(`SELECT id FROM "Post" WHERE slug = ?`, slug)[0]!.id
  await backdateFormToken(page, postId)
  const form = page.locator('form.comment-form')
  await form.getByLabel('Comment', { exact: true }).fill(who.text)
  await form.getByLabel('Name', { exact: true }).fill(who.name)
  await form.getByLabel('Email', { exact: true }).fill(who.email)
  await form.getByRole('button', { name: 'Post comment' }).click()
}
