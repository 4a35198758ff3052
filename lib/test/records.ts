// Rows written straight into the tables through the Prisma client given, shared by the unit tests
// (lib/test/fixtures.ts, on the app's client) and the browser suite (e2e/data.ts, on the e2e database).
// Relative imports only, types aside, and nothing that opens a client: Playwright's loader imports it too.
import type { Db } from '../db'
import type { Prisma } from '../generated/prisma/client'
import type { Settings } from '../settings/schema'

const DAY = 86_400_000
let serial = 0
/** A number no other record made by this process has used: unique emails, slugs and addresses. */
export const unique = () => ++serial

/** A user, an AUTHOR unless `data` says otherwise; its email, name and slug numbered unless given. */
export async function insertUser(client: Db, data: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  const n = unique()
  return client.user.create({
    data: { email: `person${n}@daisy.test`, name: `Person ${n}`, slug: `person-${n}`, role: 'AUTHOR', ...data },
    select: { id: true, email: true, name: true, role: true },
  })
}

/** A post: published a day ago, comments open, unless `data` says otherwise. */
export async function insertPost(
  client: Db,
  authorId: string,
  data: Partial<Prisma.PostUncheckedCreateInput> = {},
): Promise<{ id: string; slug: string }> {
  const n = unique()
  return client.post.create({
    data: {
      slug: `post-${n}`,
      title: `Post ${n}`,
      source: 'Hello',
      html: '<p>Hello</p>',
      status: 'PUBLISHED',
      publishedAt: new Date(Date.now() - DAY),
      authorId,
      ...data,
    },
    select: { id: true, slug: true },
  })
}

/**
 * An approved comment, as if moderated earlier: the moderation policy approves its author's next comments
 * at once. `data` adds to or overrides the stored fields.
 */
export async function insertApprovedComment(
  client: Db,
  postId: string,
  who: { name: string; email: string; text: string },
  data: Partial<Prisma.CommentUncheckedCreateInput> = {},
): Promise<{ id: string }> {
  return client.comment.create({
    data: {
      postId,
      kind: 'COMMENT',
      status: 'APPROVED',
      authorName: who.name,
      authorEmail: who.email,
      content: who.text,
      html: `<p>${who.text}</p>`,
      ...data,
    },
    select: { id: true },
  })
}

/** Stores one setting's raw text: the JSON the settings form writes, or whatever someone typed into the table. */
export async function storeSetting(client: Db, key: string, value: string): Promise<void> {
  await client.setting.upsert({ where: { key }, create: { key, value }, update: { value } })
}

/** Stores site settings as the settings form does (one JSON value per key). */
export async function storeSettings(client: Db, values: Partial<Settings>): Promise<void> {
  for (const [key, value] of Object.entries(values)) await storeSetting(client, key, JSON.stringify(value))
}

/** Counts of the tables a write may touch, to show that a refused or failed write (or import) left nothing. */
export async function rowCounts(client: Db) {
  const [posts, comments, users, tags, redirects, media, revisions, blocked] = await Promise.all([
    client.post.count(),
    client.comment.count(),
    client.user.count(),
    client.tag.count(),
    client.redirect.count(),
    client.media.count(),
    client.revision.count(),
    client.blockedAttempt.count(),
  ])
  return { posts, comments, users, tags, redirects, media, revisions, blocked }
}
