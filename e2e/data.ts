// Test data written straight into the e2e database, for fixtures that need a post, a comment or an account
// in milliseconds instead of a walk through the admin pages (which the specs about those pages still take).
// Written through the app's client (e2e/db.ts) by the builders the unit tests use (lib/test/records.ts).
import { randomBytes } from 'node:crypto'
import { hashPassword } from '../lib/auth/password'
import { insertApprovedComment, insertPost, insertUser, storeSetting } from '../lib/test/records'
import { e2eDb, readDb, writeDb } from './db'
import { E2E_BASE_URL, e2eServerEnv } from './env'
import { WORKER_HEADER } from '../lib/http/names'

export interface TestPost {
  id: string
  slug: string
  title: string
  body: string
  /** The path of its public page. */
  path: string
}

const suffix = () => randomBytes(10).toString('hex')

/**
 * A published post by the admin, dated in 2008 (before every seeded post): new pages of its own, and no
 * change to the top of the home page, the feeds or the neighbours of the seeded posts other specs look at.
 */
export async function createPost(name: string, options: { commentsOpen?: boolean } = {}): Promise<TestPost> {
  const tail = suffix().slice(-8)
  const slug = `${name}-${tail}`
  const title = `${name.replace(/-/g, ' ')} ${tail}`
  const body = `A post made for the ${name} test.`
  const published = new Date(Date.UTC(2008, 5, 1, 12, 0, Math.floor(Math.random() * 3600)))
  const { id } = await writeDb(async (db) => {
    const admin = await db.user.findFirstOrThrow({
      where: { role: 'ADMIN' },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    })
    return insertPost(db, admin.id, {
      slug,
      title,
      source: body,
      html: `<p>${body}</p>`,
      excerpt: body,
      plainText: body,
      wordCount: body.split(' ').length,
      publishedAt: published,
      commentsOpen: options.commentsOpen !== false,
      createdAt: published,
      updatedAt: published,
    })
  })
  return { id, slug, title, body, path: `/posts/${slug}` }
}

/** Removes a post and (by cascade) its comments, revisions and redirects. */
export async function deletePost(id: string) {
  await writeDb((db) => db.post.deleteMany({ where: { id } }))
}

/** An approved comment, as if moderated earlier: its author's next comments are approved at once. */
export async function addApprovedComment(postId: string, who: { name: string; email: string; text: string }) {
  const { id } = await writeDb((db) =>
    insertApprovedComment(db, postId, who, { ip: '10.255.255.1', userAgent: 'e2e', reason: 'Approved earlier' }),
  )
  return id
}

/** A user who can sign in, with a password of its own. */
export async function createUser(role: 'ADMIN' | 'AUTHOR', name: string) {
  const password = `pw-${randomBytes(9).toString('hex')}`
  const passwordHash = await hashPassword(password)
  const email = `${role.toLowerCase()}-${suffix().slice(-10)}@example.com`
  // No author page of its own (slug), as for an account the admin adds.
  const { id } = await writeDb((db) => insertUser(db, { role, name, email, slug: null, passwordHash }))
  return { id, name, email, password }
}

/** Makes a user's unused mailed links of one purpose expire a minute ago, as if an hour (or a week) had passed. */
export async function expireLinkTokens(userId: string, purpose: 'reset' | 'invite' | 'moderate') {
  await writeDb((db) =>
    db.linkToken.updateMany({
      where: { userId, purpose, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    }),
  )
}

/** A setting as the app stores it (JSON), written beside the server: `undefined` removes it. */
/**
 * A setting written straight into the database, then its cached reads expired through the server, as
 * `npm run import:wxr` tells it of what it wrote (the pages, the front door and the fediverse read it cached).
 */
export async function writeSetting(key: string, value: unknown) {
  await writeDb(async (db) => {
    if (value === undefined) await db.setting.deleteMany({ where: { key } })
    else await storeSetting(db, key, JSON.stringify(value))
  })
  await expireCacheTags(['settings'])
}

/** Expires cache tags as a write outside the server does (POST /api/cache/expire with the worker secret). */
export async function expireCacheTags(tags: string[]) {
  const res = await fetch(`${E2E_BASE_URL}/api/cache/expire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [WORKER_HEADER]: e2eServerEnv.NEXTAUTH_SECRET! },
    body: JSON.stringify({ tags }),
  })
  if (res.status !== 200) throw new Error(`/api/cache/expire answered ${res.status}`)
}

/** A setting's stored value (parsed), or undefined when it was never saved. */
export async function readSetting(key: string): Promise<unknown> {
  const row = await readDb((db) => db.setting.findUnique({ where: { key }, select: { value: true } }))
  return row ? (JSON.parse(row.value) as unknown) : undefined
}

/** Thrown to end the transaction holding the write lock: it rolls back, leaving nothing written. */
class Release extends Error {}

/**
 * Takes SQLite's write lock from a connection of this process, as a `sqlite3` shell in a write transaction
 * would hold it, until the function returned is called; the transaction then rolls back, leaving nothing.
 * Every writer of the server waits meanwhile (readers go on).
 */
export async function holdWriteLock(): Promise<() => Promise<void>> {
  const db = await e2eDb()
  let held!: () => void
  const holding = new Promise<void>((resolve) => (held = resolve))
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const transaction = db
    .$transaction(
      async (tx) => {
        // A write, so that the transaction holds the lock: a row no one reads, never committed.
        await tx.setting.create({ data: { key: `e2e-write-lock-${suffix()}`, value: 'null' } })
        held()
        await released
        throw new Release()
      },
      { maxWait: 10_000, timeout: 120_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof Release)) throw error
    })
  // Held, or the transaction failed before it got the lock.
  await Promise.race([holding, transaction])
  return async () => {
    release()
    await transaction
  }
}
