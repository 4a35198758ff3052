// savePost on a real database: statuses and times, slugs and redirects, revisions, tags, rights, and rollback.
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import type { CurrentUser } from '@/lib/auth/session'
import { ForbiddenError } from '@/lib/errors'
import { makeUser, postInput, rowCounts, unique } from '@/lib/test/fixtures'
import { PostInputError, savePost } from './save'
import { visiblePostsWhere } from './visibility'

const now = new Date('2030-06-01T12:00:00Z')
const at = { timezone: 'UTC', now }
let author: CurrentUser

beforeAll(async () => {
  author = await makeUser()
})

/** A published post by the author, saved through savePost itself. */
async function published(fields: Record<string, string> = {}) {
  return savePost(author, null, postInput({ title: `Post ${unique()}`, ...fields }), at)
}

const row = (id: string) =>
  db.post.findUniqueOrThrow({ where: { id }, include: { tags: { orderBy: { slug: 'asc' } }, revisions: true } })

describe('savePost: creating and updating', () => {
  it('creates a published post by the user, rendered, with its slug from the title and the tags it touched', async () => {
    const result = await savePost(author, null, postInput({ title: 'Hello, World!', source: '# Hi\n\nThere.' }), at)
    expect(result).toMatchObject({ slug: 'hello-world', status: 'PUBLISHED' })
    expect(result.touched).toEqual(['posts', 'post:hello-world', `comments:${result.id}`])
    const post = await row(result.id)
    expect(post).toMatchObject({ authorId: author.id, publishedAt: now, format: 'MARKDOWN', commentsOpen: true })
    expect(post.html).toContain('There.</p>')
    expect(post.revisions).toEqual([])
  })

  it('saves a draft without a publication time, and publishes it on update', async () => {
    const draft = await savePost(author, null, postInput({ title: 'Not yet', intent: 'draft' }), at)
    expect(draft.status).toBe('DRAFT')
    expect((await row(draft.id)).publishedAt).toBeNull()
    const later = new Date(now.getTime() + 60_000)
    const saved = await savePost(author, draft.id, postInput({ title: 'Not yet', intent: 'update' }), {
      ...at,
      now: later,
    })
    expect(saved.status).toBe('PUBLISHED')
    expect((await row(draft.id)).publishedAt).toEqual(later)
  })

  it('keeps the first publication time when a live post is saved again, and clears it on unpublish', async () => {
    const post = await published()
    const later = { ...at, now: new Date(now.getTime() + 86_400_000) }
    await savePost(author, post.id, postInput({ title: 'Edited' }), later)
    expect((await row(post.id)).publishedAt).toEqual(now)
    const result = await savePost(author, post.id, postInput({ title: 'Edited', intent: 'unpublish' }), later)
    expect(result.status).toBe('DRAFT')
    expect((await row(post.id)).publishedAt).toBeNull()
  })

  it('keeps the replaced version of a live post as a revision, only when something changed', async () => {
    const post = await published({ title: 'First title', source: 'First words.' })
    await savePost(author, post.id, postInput({ title: 'First title', source: 'First words.' }), at)
    expect((await row(post.id)).revisions).toEqual([])
    await savePost(author, post.id, postInput({ title: 'Second title', source: 'Second words.' }), at)
    const saved = await row(post.id)
    expect(saved).toMatchObject({ title: 'Second title', source: 'Second words.' })
    expect(saved.revisions).toMatchObject([{ title: 'First title', source: 'First words.', authorId: author.id }])
  })

  it('keeps no revisions of a draft', async () => {
    const draft = await savePost(author, null, postInput({ title: 'Draft', intent: 'draft' }), at)
    await savePost(author, draft.id, postInput({ title: 'Draft, again', intent: 'draft' }), at)
    expect((await row(draft.id)).revisions).toEqual([])
  })

  it('stores sanitized HTML: no script in the source survives', async () => {
    const source =
      'Hi <script>alert(1)</script>\n\n<img src="x.png" onerror="alert(1)">\n\n[click](javascript:alert(1))'
    const { html } = await row((await published({ source })).id)
    expect(html).not.toMatch(/<script|onerror|javascript:/i)
  })

  it('refuses to save a post that no longer exists', async () => {
    await expect(savePost(author, 'no-such-post', postInput(), at)).rejects.toThrow(
      new PostInputError('form', 'This post no longer exists.'),
    )
  })
})

describe('savePost: who may edit', () => {
  it("refuses another author's post with ForbiddenError and leaves it as it was; an admin may edit it", async () => {
    const post = await published({ title: 'Mine' })
    const other = await makeUser('AUTHOR')
    const attempt = savePost(other, post.id, postInput({ title: 'Theirs' }), at)
    await expect(attempt).rejects.toThrow(ForbiddenError)
    expect(await row(post.id)).toMatchObject({ title: 'Mine', authorId: author.id })
    await savePost(await makeUser('ADMIN'), post.id, postInput({ title: 'Fixed by the admin' }), at)
    expect(await row(post.id)).toMatchObject({ title: 'Fixed by the admin', authorId: author.id })
  })
})

describe('savePost: scheduling', () => {
  it('schedules a post for a time in the future, read in the site’s time zone', async () => {
    const input = postInput({ intent: 'schedule', publishAt: '2030-07-01T09:30' })
    const result = await savePost(author, null, input, { timezone: 'Europe/Paris', now })
    expect(result.status).toBe('SCHEDULED')
    expect((await row(result.id)).publishedAt).toEqual(new Date('2030-07-01T07:30:00Z'))
  })

  it('goes live at its time with no job to run, and from then on is saved as a live post', async () => {
    const input = postInput({ title: 'Soon', intent: 'schedule', publishAt: '2030-06-02T12:00' })
    const { id } = await savePost(author, null, input, at)
    const visibleAt = (when: Date) => db.post.count({ where: { id, ...visiblePostsWhere(when) } })
    const after = new Date('2030-06-02T12:01:00Z')
    expect([await visibleAt(now), await visibleAt(after)]).toEqual([0, 1])
    const saved = await savePost(author, id, postInput({ title: 'Soon, edited' }), { ...at, now: after })
    expect(saved.status).toBe('PUBLISHED')
    expect(await row(id)).toMatchObject({
      publishedAt: new Date('2030-06-02T12:00:00Z'),
      revisions: [{ title: 'Soon' }],
    })
  })

  it('refuses a time that has passed', async () => {
    const input = postInput({ intent: 'schedule', publishAt: '2030-06-01T11:59' })
    await expect(savePost(author, null, input, at)).rejects.toThrow(
      new PostInputError('publishAt', 'Pick a time in the future, or publish now'),
    )
  })
})

describe('savePost: slugs and old addresses', () => {
  it('gives a generated slug the first free variant, and keeps it when the title changes', async () => {
    const title = `Same title ${unique()}`
    const first = await published({ title })
    const second = await published({ title })
    expect(second.slug).toBe(`${first.slug}-2`)
    expect((await savePost(author, first.id, postInput({ title: 'Renamed' }), at)).slug).toBe(first.slug)
  })

  it('refuses a chosen slug another post uses, but not the post’s own', async () => {
    const taken = await published()
    const post = await published()
    await expect(savePost(author, post.id, postInput({ slug: taken.slug }), at)).rejects.toThrow(
      new PostInputError('slug', 'Another post already uses this slug'),
    )
    expect((await savePost(author, post.id, postInput({ slug: post.slug }), at)).slug).toBe(post.slug)
  })

  it('keeps pages off the addresses the site uses: refused when chosen, moved aside when generated', async () => {
    await expect(savePost(author, null, postInput({ type: 'PAGE', slug: 'admin' }), at)).rejects.toThrow(
      new PostInputError('slug', '“admin” is an address the site itself uses; choose another'),
    )
    const page = await savePost(author, null, postInput({ type: 'PAGE', title: 'Search' }), at)
    expect(page.slug).toBe('search-page')
    // A post lives under /posts/, where "search" is free.
    expect((await savePost(author, null, postInput({ title: 'Search' }), at)).slug).toBe('search')
  })

  it('turns the old address of a live post into a redirect, and drops one the new address had', async () => {
    const post = await published()
    const moved = await savePost(author, post.id, postInput({ slug: `${post.slug}-moved` }), at)
    expect(moved.touched).toEqual(expect.arrayContaining([`post:${post.slug}`, `post:${moved.slug}`]))
    expect(await db.redirect.findMany({ where: { postId: post.id }, select: { fromPath: true } })).toEqual([
      { fromPath: `/posts/${post.slug}` },
    ])
    // Back to the first address: it is the post's again, and the second one redirects.
    await savePost(author, post.id, postInput({ slug: post.slug }), at)
    expect(await db.redirect.findMany({ where: { postId: post.id }, select: { fromPath: true } })).toEqual([
      { fromPath: `/posts/${moved.slug}` },
    ])
  })

  it('renames a post that took over another post’s old address: the address now redirects to it', async () => {
    const first = await published()
    await savePost(author, first.id, postInput({ slug: `${first.slug}-elsewhere` }), at)
    const second = await published({ slug: first.slug })
    const renamed = await savePost(author, second.id, postInput({ slug: `${first.slug}-renamed` }), at)
    expect(renamed.slug).toBe(`${first.slug}-renamed`)
    expect(await db.redirect.findUnique({ where: { fromPath: `/posts/${first.slug}` } })).toMatchObject({
      postId: second.id,
    })
  })

  it('redirects a page from its old top-level address; a draft leaves no redirect', async () => {
    const page = await savePost(author, null, postInput({ type: 'PAGE', title: `Page ${unique()}` }), at)
    await savePost(author, page.id, postInput({ type: 'PAGE', slug: `${page.slug}-new` }), at)
    expect(await db.redirect.findFirst({ where: { postId: page.id } })).toMatchObject({ fromPath: `/${page.slug}` })
    const draft = await savePost(author, null, postInput({ title: `Draft ${unique()}`, intent: 'draft' }), at)
    await savePost(author, draft.id, postInput({ slug: `${draft.slug}-new`, intent: 'draft' }), at)
    expect(await db.redirect.count({ where: { postId: draft.id } })).toBe(0)
  })

  it('keeps a post a post and a page a page whatever type an edit sends', async () => {
    const post = await published()
    await savePost(author, post.id, postInput({ type: 'PAGE', title: 'Still a post', slug: `${post.slug}-moved` }), at)
    expect(await row(post.id)).toMatchObject({ type: 'POST', slug: `${post.slug}-moved` })
    expect(await db.redirect.findFirst({ where: { postId: post.id } })).toMatchObject({
      fromPath: `/posts/${post.slug}`,
    })
    const page = await savePost(author, null, postInput({ type: 'PAGE', title: `Page ${unique()}` }), at)
    await savePost(author, page.id, postInput({ type: 'POST', title: 'Still a page' }), at)
    expect((await row(page.id)).type).toBe('PAGE')
  })
})

describe('savePost: tags', () => {
  it('creates tags from trimmed names, reuses existing ones, and touches the old and new tag pages', async () => {
    const post = await published({ tags: '  Slow   Cooking , Bread,, ' })
    expect((await row(post.id)).tags).toMatchObject([
      { slug: 'bread', name: 'Bread' },
      { slug: 'slow-cooking', name: 'Slow Cooking' },
    ])
    expect(post.touched).toEqual(expect.arrayContaining(['tag:bread', 'tag:slow-cooking']))
    const again = await published({ tags: 'Bread' })
    expect(await db.tag.count({ where: { slug: 'bread' } })).toBe(1)
    expect((await row(again.id)).tags).toMatchObject([{ slug: 'bread' }])
    const updated = await savePost(author, post.id, postInput({ tags: 'Soup' }), at)
    expect((await row(post.id)).tags).toMatchObject([{ slug: 'soup' }])
    expect(updated.touched).toEqual(expect.arrayContaining(['tag:soup', 'tag:bread', 'tag:slow-cooking']))
  })

  it('makes one tag of names with the same slug, and leaves out names that make none', async () => {
    const post = await published({ tags: '!!!, Café, cafe, CAFÉ' })
    expect((await row(post.id)).tags).toMatchObject([{ slug: 'cafe', name: 'Café' }])
  })
})

describe('savePost: all or nothing', () => {
  it('a save that fails mid-way leaves the post, its revisions and redirects as they were', async () => {
    const post = await published({ title: 'Before' })
    const before = await rowCounts()
    // The revision and the redirect are written first; the update then breaks the featured image's foreign key.
    const input = postInput({ title: 'After', slug: `${post.slug}-after`, featuredImageId: 'no-such-media' })
    await expect(savePost(author, post.id, input, at)).rejects.toThrow()
    expect(await rowCounts()).toEqual(before)
    expect(await row(post.id)).toMatchObject({ title: 'Before', slug: post.slug, revisions: [] })
  })

  it('an autosave stops once the post is no longer a draft, and changes nothing', async () => {
    const post = await published({ title: 'Live' })
    const autosave = savePost(author, post.id, postInput({ title: 'Autosaved', intent: 'draft' }), {
      ...at,
      onlyIfDraft: true,
    })
    await expect(autosave).rejects.toThrow(
      new PostInputError('form', 'The post is no longer a draft; autosave stopped.'),
    )
    expect(await row(post.id)).toMatchObject({ title: 'Live', status: 'PUBLISHED' })
  })
})
