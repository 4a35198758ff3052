// Test data written straight into the e2e database, for fixtures that need a post, a comment or an account
// in milliseconds instead of a walk through the admin pages (which the specs about those pages still take).
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { hashPassword } from '../lib/auth/password'
import { e2eServerEnv } from './env'
import { queryDb } from './helpers'

export interface TestPost {
  id: string
  slug: string
  title: string
  body: string
  /** The path of its public page. */
  path: string
}

/** Prisma's way of storing a DateTime in SQLite, so the app reads and orders what we write. */
const stamp = (date: Date) => date.toISOString().replace('Z', '+00:00')
const newId = (prefix: string) => `${prefix}${randomBytes(10).toString('hex')}`

/** A write to the e2e database, beside the running server: cascades on, and patient with its locks. */
export function writeDb<T>(work: (db: Database.Database) => T): T {
  const db = new Database(e2eServerEnv.DATABASE_URL!.replace(/^file:/, ''), { fileMustExist: true })
  db.pragma('busy_timeout = 10000')
  db.pragma('foreign_keys = ON')
  try {
    return work(db)
  } finally {
    db.close()
  }
}

/**
 * A published post by the admin, dated in 2008 (before every seeded post): new pages of its own, and no
 * change to the top of the home page, the feeds or the neighbours of the seeded posts other specs look at.
 */
export function createPost(name: string, options: { commentsOpen?: boolean } = {}): TestPost {
  const id = newId('e2epost')
  const slug = `${name}-${id.slice(-8)}`
  const title = `${name.replace(/-/g, ' ')} ${id.slice(-8)}`
  const body = `A post made for the ${name} test.`
  const published = stamp(new Date(Date.UTC(2008, 5, 1, 12, 0, Math.floor(Math.random() * 3600))))
  writeDb((db) => {
    const { authorId } = db
      .prepare(`SELECT id AS authorId FROM "User" WHERE role = 'ADMIN' ORDER BY createdAt LIMIT 1`)
      .get() as {
      authorId: string
    }
    db.prepare(
      `INSERT INTO "Post" (id, slug, title, source, html, excerpt, plainText, wordCount, status, publishedAt, commentsOpen, authorId, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PUBLISHED', ?, ?, ?, ?, ?)`,
    ).run(
      id,
      slug,
      title,
      body,
      `<p>${body}</p>`,
      body,
      body,
      body.split(' ').length,
      published,
      options.commentsOpen === false ? 0 : 1,
      authorId,
      published,
      published,
    )
  })
  return { id, slug, title, body, path: `/posts/${slug}` }
}

/** Removes a post and (by cascade) its comments, revisions and redirects. */
export function deletePost(id: string) {
  writeDb((db) => db.prepare(`DELETE FROM "Post" WHERE id = ?`).run(id))
}

/** An approved comment, as if moderated earlier: its author's next comments are approved at once. */
export function addApprovedComment(postId: string, who: { name: string; email: string; text: string }) {
  const id = newId('e2ecomment')
  writeDb((db) =>
    db
      .prepare(
        `INSERT INTO "Comment" (id, postId, kind, status, authorName, authorEmail, content, html, ip, userAgent, reason, createdAt, updatedAt)
         VALUES (?, ?, 'COMMENT', 'APPROVED', ?, ?, ?, ?, '10.255.255.1', 'e2e', 'Approved earlier', ?, ?)`,
      )
      .run(id, postId, who.name, who.email, who.text, `<p>${who.text}</p>`, stamp(new Date()), stamp(new Date())),
  )
  return id
}

/** A user who can sign in, with a password of its own. */
export async function createUser(role: 'ADMIN' | 'AUTHOR', name: string) {
  const id = newId('e2euser')
  const account = {
    id,
    name,
    email: `${role.toLowerCase()}-${id.slice(-10)}@example.com`,
    password: `pw-${randomBytes(9).toString('hex')}`,
  }
  const hash = await hashPassword(account.password)
  writeDb((db) =>
    db
      .prepare(
        `INSERT INTO "User" (id, email, name, passwordHash, role, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, account.email, name, hash, role, stamp(new Date()), stamp(new Date())),
  )
  return account
}

/** Makes a user's unused mailed links of one purpose expire a minute ago, as if an hour (or a week) had passed. */
export function expireLinkTokens(userId: string, purpose: 'reset' | 'invite' | 'moderate') {
  writeDb((db) =>
    db
      .prepare(`UPDATE "LinkToken" SET expiresAt = ? WHERE userId = ? AND purpose = ? AND usedAt IS NULL`)
      .run(stamp(new Date(Date.now() - 60_000)), userId, purpose),
  )
}

/** A setting as the app stores it (JSON), written beside the server: `undefined` removes it. */
export function writeSetting(key: string, value: unknown) {
  writeDb((db) =>
    value === undefined
      ? db.prepare('DELETE FROM Setting WHERE key = ?').run(key)
      : db
          .prepare(
            `INSERT INTO Setting (key, value, updatedAt) VALUES (?, ?, ?)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt`,
          )
          .run(key, JSON.stringify(value), stamp(new Date())),
  )
}

/** A setting's stored value (parsed), or undefined when it was never saved. */
export function readSetting(key: string): unknown {
  const [row] = queryDb<{ value: string }>('SELECT value FROM Setting WHERE key = ?', key)
  return row ? (JSON.parse(row.value) as unknown) : undefined
}
