// postComment on a real database: what is stored and with which status, what is refused, and what is left behind.
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import type { CurrentUser } from '@/lib/auth/session'
import { commentInput, guest, makePost, makeUser, rowCounts, setSettings } from '@/lib/test/fixtures'
import { issueFormToken } from './form-token'
import { postComment, type PostCommentResult } from './post'

const DAY = 86_400_000
let author: CurrentUser

beforeAll(async () => {
  author = await makeUser()
})

function stored(result: PostCommentResult) {
  if (result.kind !== 'stored') throw new Error(`expected a stored comment, got ${JSON.stringify(result)}`)
  return result
}

/** A comment already approved on the post, as a moderator would leave it. */
async function approvedComment(postId: string, email = 'regular@example.com') {
  const first = stored(await postComment(postId, commentInput({ email }), guest(postId)))
  await db.comment.update({ where: { id: first.id }, data: { status: 'APPROVED' } })
  return first
}

describe('postComment: the moderation policy decides the stored status', () => {
  it('holds a first comment from an email address, and expires no public page for it', async () => {
    const post = await makePost(author.id)
    const result = stored(await postComment(post.id, commentInput({ content: 'Nice *post*.' }), guest(post.id)))
    expect(result).toMatchObject({ status: 'PENDING', reason: 'First comment from this email address', touched: [] })
    const row = await db.comment.findUniqueOrThrow({ where: { id: result.id } })
    expect(row).toMatchObject({ postId: post.id, kind: 'COMMENT', status: 'PENDING', content: 'Nice *post*.' })
    expect(row.html).toBe(result.html)
    expect(row.html).toContain('<em>post</em>')
  })

  it('approves a returning commenter at once and names the tags of the pages that show it', async () => {
    const post = await makePost(author.id)
    await approvedComment(post.id, 'back@example.com')
    const result = stored(await postComment(post.id, commentInput({ email: 'back@example.com' }), guest(post.id)))
    expect(result).toMatchObject({
      status: 'APPROVED',
      slug: post.slug,
      reason: 'Approved automatically: an earlier comment was approved',
    })
    expect(result.touched).toEqual([`comments:${post.id}`, `post:${post.slug}`, 'comment-counts'])
  })

  it('holds a comment with a returning commenter’s email under another name (an email alone is easy to copy)', async () => {
    const post = await makePost(author.id)
    await approvedComment(post.id, 'known@example.com')
    const copied = await postComment(
      post.id,
      commentInput({ email: 'known@example.com', name: 'Someone Else' }),
      guest(post.id),
    )
    expect(stored(copied)).toMatchObject({ status: 'PENDING', touched: [] })
  })

  it('holds a returning commenter whose comment has more links than the setting allows', async () => {
    const post = await makePost(author.id)
    await approvedComment(post.id, 'links@example.com')
    const content = 'See https://a.example, https://b.example and https://c.example'
    const result = await postComment(post.id, commentInput({ email: 'links@example.com', content }), guest(post.id))
    expect(stored(result)).toMatchObject({ status: 'PENDING', reason: 'Has 3 links (more than 2)', touched: [] })
  })

  it('stores a comment with a blocked word as spam', async () => {
    await setSettings({ blocklist: 'casino' })
    try {
      const post = await makePost(author.id)
      const result = await postComment(post.id, commentInput({ content: 'Best casino bonus' }), guest(post.id))
      expect(stored(result)).toMatchObject({ status: 'SPAM', reason: 'Matches the block list: the word “casino”' })
      expect(await db.comment.count({ where: { postId: post.id, status: 'SPAM' } })).toBe(1)
    } finally {
      await setSettings({ blocklist: '' })
    }
  })

  it('approves a signed-in user of the blog without a form token, and links the comment to them', async () => {
    const post = await makePost(author.id)
    const ctx = { ...guest(post.id), token: null, user: author }
    const result = stored(await postComment(post.id, commentInput({ email: author.email }), ctx))
    expect(result.status).toBe('APPROVED')
    expect(await db.comment.findUniqueOrThrow({ where: { id: result.id } })).toMatchObject({ userId: author.id })
  })

  it('stores sanitized HTML: no script a commenter types survives', async () => {
    const post = await makePost(author.id)
    const content = 'Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>'
    const result = stored(await postComment(post.id, commentInput({ content }), guest(post.id)))
    const { html } = await db.comment.findUniqueOrThrow({ where: { id: result.id } })
    // What is left of them is text, shown as typed.
    expect(html).not.toMatch(/<script|<img|javascript:/i)
    expect(html).toContain('&#x3C;script>')
  })
})

describe('postComment: replies', () => {
  it('attaches a reply to its approved parent on the same post', async () => {
    const post = await makePost(author.id)
    const parent = await approvedComment(post.id)
    const result = stored(await postComment(post.id, commentInput({ parentId: parent.id }), guest(post.id)))
    expect(await db.comment.findUniqueOrThrow({ where: { id: result.id } })).toMatchObject({ parentId: parent.id })
  })

  it('refuses a reply to a comment on another post, to one not approved, or to a linkback, and stores nothing', async () => {
    const post = await makePost(author.id)
    const elsewhere = await approvedComment((await makePost(author.id)).id)
    const held = stored(await postComment(post.id, commentInput(), guest(post.id)))
    // Linkbacks are not threaded: an approved webmention takes no replies either.
    const mention = await db.comment.create({
      data: { postId: post.id, kind: 'WEBMENTION', status: 'APPROVED', authorName: 'A site', content: 'x', html: 'x' },
    })
    const before = await rowCounts()
    for (const parentId of [elsewhere.id, held.id, mention.id, 'no-such-comment']) {
      expect(await postComment(post.id, commentInput({ parentId }), guest(post.id))).toEqual({
        kind: 'refused',
        field: 'form',
        message: 'The comment you are replying to is not available any more.',
      })
    }
    expect(await rowCounts()).toEqual(before)
  })
})

describe('postComment: posts that take no comments', () => {
  const notOpen = { kind: 'refused', field: 'form', message: 'This post is not open for comments.' }
  const closed = { kind: 'refused', field: 'form', message: 'Comments are closed on this post.' }

  it('refuses trashed, draft and scheduled posts, and stores nothing', async () => {
    const posts = await Promise.all([
      makePost(author.id, { deletedAt: new Date() }),
      makePost(author.id, { status: 'DRAFT', publishedAt: null }),
      makePost(author.id, { status: 'SCHEDULED', publishedAt: new Date(Date.now() + DAY) }),
    ])
    const before = await rowCounts()
    for (const post of posts) expect(await postComment(post.id, commentInput(), guest(post.id))).toEqual(notOpen)
    expect(await postComment('no-such-post', commentInput(), guest('no-such-post'))).toEqual(notOpen)
    expect(await rowCounts()).toEqual(before)
  })

  it('takes comments on a scheduled post once its time has come', async () => {
    const at = new Date(Date.now() + DAY)
    const post = await makePost(author.id, { status: 'SCHEDULED', publishedAt: at })
    const later = new Date(at.getTime() + 60_000)
    expect((await postComment(post.id, commentInput(), guest(post.id, later))).kind).toBe('stored')
  })

  it('refuses when the post closed its comments, or the site closes them after some days', async () => {
    const shut = await makePost(author.id, { commentsOpen: false })
    expect(await postComment(shut.id, commentInput(), guest(shut.id))).toEqual(closed)
    const old = await makePost(author.id, { publishedAt: new Date(Date.now() - 10 * DAY) })
    await setSettings({ closeCommentsAfterDays: 7 })
    try {
      expect(await postComment(old.id, commentInput(), guest(old.id))).toEqual(closed)
    } finally {
      await setSettings({ closeCommentsAfterDays: 0 })
    }
    expect((await postComment(old.id, commentInput(), guest(old.id))).kind).toBe('stored')
  })
})

describe('postComment: duplicates, traps and limits', () => {
  it('refuses the same comment from the same email twice, unless the first was trashed', async () => {
    const post = await makePost(author.id)
    const input = commentInput()
    const first = stored(await postComment(post.id, input, guest(post.id)))
    expect(await postComment(post.id, input, guest(post.id))).toEqual({
      kind: 'refused',
      field: 'content',
      message: 'You already posted this comment here.',
    })
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(1)
    await db.comment.update({ where: { id: first.id }, data: { status: 'TRASH' } })
    expect((await postComment(post.id, input, guest(post.id))).kind).toBe('stored')
  })

  it('stores a comment sent twice at once (a double click) only once', async () => {
    const post = await makePost(author.id)
    const input = commentInput()
    const results = await Promise.all([1, 2, 3].map(() => postComment(post.id, input, guest(post.id))))
    expect(results.map((r) => r.kind).sort()).toEqual(['refused', 'refused', 'stored'])
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(1)
  })

  it('answers a filled honeypot or a form sent too fast as trapped: counted, never stored as a comment', async () => {
    const post = await makePost(author.id)
    const now = new Date()
    const before = await rowCounts()
    expect(await postComment(post.id, commentInput(), { ...guest(post.id), honeypot: 'http://spam.example' })).toEqual({
      kind: 'trapped',
      reason: 'filled the hidden honeypot field',
    })
    const hasty = { ...guest(post.id, now), token: issueFormToken(post.id, now.getTime() - 1000) }
    expect(await postComment(post.id, commentInput(), hasty)).toEqual({
      kind: 'trapped',
      reason: 'form sent 1000 ms after it was shown',
    })
    expect(await postComment(post.id, commentInput(), { ...guest(post.id), token: null })).toMatchObject({
      kind: 'trapped',
      reason: 'missing or malformed form token',
    })
    expect(await rowCounts()).toEqual({ ...before, blocked: before.blocked + 3 })
    expect(await db.blockedAttempt.findMany({ where: { postId: post.id }, select: { reason: true } })).toHaveLength(3)
  })

  it('refuses a sixth comment from one address within a minute', async () => {
    const post = await makePost(author.id)
    const ctx = guest(post.id)
    for (let i = 0; i < 5; i++) expect((await postComment(post.id, commentInput(), ctx)).kind).toBe('stored')
    expect(await postComment(post.id, commentInput(), ctx)).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/^You are commenting faster than people do\. Wait \d+ seconds/),
    })
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(5)
  })

  it('a write that fails stores nothing', async () => {
    const post = await makePost(author.id)
    const before = await rowCounts()
    // A user removed while their session lived: the comment's link to them breaks the foreign key.
    const gone: CurrentUser = { ...author, id: 'removed-user' }
    await expect(postComment(post.id, commentInput(), { ...guest(post.id), user: gone })).rejects.toThrow()
    expect(await rowCounts()).toEqual(before)
  })
})
