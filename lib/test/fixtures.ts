// Test data for the write-path tests: people, posts, settings and form input, made on the test file's own
// database (lib/test/app-db-setup.ts) and parsed through the same zod schemas the forms use. The rows are
// written by lib/test/records.ts, which the browser suite shares.
import { db, type Db } from '@/lib/db'
import type { CurrentUser } from '@/lib/auth/session'
import type { Prisma } from '@/lib/generated/prisma/client'
import { commentInputSchema, type CommentInput } from '@/lib/comments/schema'
import { issueFormToken } from '@/lib/comments/form-token'
import type { CommentContext } from '@/lib/comments/post'
import { postInputSchema, type PostInput } from '@/lib/posts/schema'
import type { Settings } from '@/lib/settings/schema'
import * as records from './records'

/** A number no other fixture in this file has used: unique emails, slugs and addresses. */
export const unique = records.unique

export async function makeUser(role: CurrentUser['role'] = 'AUTHOR'): Promise<CurrentUser> {
  return records.insertUser(db, { role })
}

/** A post written straight into the table: published a day ago, comments open, unless `data` says otherwise. */
export async function makePost(
  authorId: string,
  data: Partial<Prisma.PostUncheckedCreateInput> = {},
): Promise<{ id: string; slug: string }> {
  return records.insertPost(db, authorId, data)
}

/** An approved comment, as if moderated earlier: its author's next comments are approved at once. */
export async function makeApprovedComment(
  postId: string,
  who: { name: string; email: string; text: string },
): Promise<{ id: string }> {
  return records.insertApprovedComment(db, postId, who)
}

/** The editor's form fields as the server parses them; a published post with comments open by default. */
export function postInput(fields: Record<string, string> = {}): PostInput {
  return postInputSchema.parse({
    title: 'A post',
    source: 'Some words.',
    intent: 'publish',
    commentsOpen: 'on',
    ...fields,
  })
}

/** The comment form's fields as the server parses them. */
export function commentInput(fields: Record<string, string> = {}): CommentInput {
  const n = unique()
  return commentInputSchema.parse({
    name: 'Reader',
    email: `reader${n}@example.com`,
    content: `A thoughtful comment (${n}).`,
    ...fields,
  })
}

/**
 * A guest sending the form a minute after it was shown: a valid time-trap token and an address of its own,
 * so the in-memory rate limit (five a minute per address) never refuses a test that did not ask for it.
 */
export function guest(postId: string, now = new Date()): CommentContext {
  return {
    ip: `203.0.113.${unique()}`,
    userAgent: 'Test browser',
    token: issueFormToken(postId, now.getTime() - 60_000),
    honeypot: '',
    user: null,
    now,
  }
}

/** Stores one setting's raw text: the JSON the settings form writes, or whatever someone typed into the table. */
export async function storeSetting(key: string, value: string): Promise<void> {
  await records.storeSetting(db, key, value)
}

/** Stores site settings as the settings form does (one JSON value per key). */
export async function setSettings(values: Partial<Settings>): Promise<void> {
  await records.storeSettings(db, values)
}

/** Counts of the tables a write may touch, to show that a refused or failed write (or import) left nothing. */
export async function rowCounts(client: Db = db) {
  return records.rowCounts(client)
}
