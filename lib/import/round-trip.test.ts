// Export a blog to WXR, import the file into a fresh database: the same posts, comments and kinds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestDb } from '../test/db'
import type { Db } from '../db'
import { seed } from '../seed/seed'
import { renderPost } from '../content/markdown'
import { renderComment, renderExcerpt } from '../comments/render'
import { loadExportData, toWxr } from '../export/data'
import { importWxr } from './wxr-import'

const seedData = fileURLToPath(new URL('../../prisma/seed-data', import.meta.url))

/** Builds a blog with every kind of thing the round trip must keep, on top of the two seed posts. */
async function buildBlog(db: Db) {
  await seed(db, {
    dataDir: seedData,
    adminEmail: 'rob@daisy.test',
    adminPassword: 'a-long-password-123',
    adminName: 'Rob',
    log: () => undefined,
  })
  const author = await db.user.create({
    data: { email: 'ann@daisy.test', name: 'Ann Author', slug: 'ann', role: 'AUTHOR' },
  })
  const markdown =
    '## A heading\n\nSome *emphasis*, a [link](https://example.com/?a=1&b=2) and code:\n\n```\nconst x = 1 < 2\n```\n\n- one\n- two\n\n> quoted\n'
  const body = await renderPost(markdown)
  const common = {
    format: 'MARKDOWN' as const,
    source: markdown,
    html: body.html,
    plainText: body.plainText,
    excerpt: body.excerpt,
    wordCount: body.wordCount,
  }
  const rich = await db.post.create({
    data: {
      ...common,
      slug: 'rich-post',
      title: 'Rich & “quoted” post',
      status: 'PUBLISHED',
      publishedAt: new Date('2021-03-04T05:06:07Z'),
      sticky: true,
      pingsOpen: false,
      authorId: author.id,
      tags: { connectOrCreate: [{ where: { slug: 'notes' }, create: { slug: 'notes', name: 'Notes' } }] },
    },
  })
  await db.post.create({ data: { ...common, slug: 'a-draft', title: 'A draft', status: 'DRAFT', authorId: author.id } })
  await db.post.create({
    data: {
      ...common,
      slug: 'later',
      title: 'Later',
      status: 'SCHEDULED',
      publishedAt: new Date('2099-01-01T10:00:00Z'),
      commentsOpen: false,
      authorId: author.id,
    },
  })
  await db.post.create({
    data: {
      ...common,
      slug: 'secret',
      title: 'Secret',
      status: 'PUBLISHED',
      publishedAt: new Date('2021-05-01T00:00:00Z'),
      password: 'open sesame',
      plainText: '',
      excerpt: '',
      authorId: author.id,
    },
  })
  await db.post.create({
    data: {
      ...common,
      slug: 'gone',
      title: 'Gone',
      status: 'PUBLISHED',
      publishedAt: new Date('2020-01-01T00:00:00Z'),
      deletedAt: new Date(),
      authorId: author.id,
    },
  })
  await db.post.create({
    data: {
      ...common,
      type: 'PAGE',
      slug: 'about',
      title: 'About',
      status: 'PUBLISHED',
      publishedAt: new Date('2020-02-02T00:00:00Z'),
      authorId: author.id,
    },
  })
  const at = (minute: number) => new Date(Date.UTC(2021, 2, 5, 12, minute, 0))
  const comment = async (data: {
    text: string
    status?: 'APPROVED' | 'PENDING' | 'SPAM' | 'TRASH'
    parentId?: string
    minute: number
    userId?: string
  }) =>
    db.comment.create({
      data: {
        postId: rich.id,
        kind: 'COMMENT',
        status: data.status ?? 'APPROVED',
        authorName: `Reader ${data.minute}`,
        authorEmail: `r${data.minute}@example.com`,
        content: data.text,
        html: await renderComment(data.text),
        parentId: data.parentId,
        userId: data.userId,
        createdAt: at(data.minute),
      },
    })
  const top = await comment({ text: 'First, with *emphasis* and https://example.org/x', minute: 1 })
  const reply = await comment({ text: 'A reply\non two lines', parentId: top.id, minute: 2 })
  await comment({ text: 'Third level', parentId: reply.id, minute: 3, status: 'PENDING' })
  await comment({ text: 'Buy pills', minute: 4, status: 'SPAM' })
  await comment({ text: 'Deleted', minute: 5, status: 'TRASH' })
  const linkback = (
    kind: 'TRACKBACK' | 'PINGBACK' | 'WEBMENTION',
    minute: number,
    status: 'APPROVED' | 'PENDING' = 'APPROVED',
  ) =>
    db.comment.create({
      data: {
        postId: rich.id,
        kind,
        status,
        authorName: `${kind} site`,
        sourceUrl: `https://${kind.toLowerCase()}.example/post`,
        sourceTitle: `A ${kind.toLowerCase()} title`,
        content: `[…] mentioned by ${kind} […]`,
        html: renderExcerpt(`[…] mentioned by ${kind} […]`),
        createdAt: at(minute),
      },
    })
  await linkback('TRACKBACK', 6)
  await linkback('PINGBACK', 7, 'PENDING')
  await linkback('WEBMENTION', 8)
}

const squash = (html: string) => html.replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim()
const seconds = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : null)

async function snapshot(db: Db) {
  const posts = await db.post.findMany({
    orderBy: { slug: 'asc' },
    include: {
      tags: { orderBy: { slug: 'asc' } },
      author: true,
      comments: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { parent: true } },
    },
  })
  return posts.map((p) => ({
    slug: p.slug,
    type: p.type,
    title: p.title,
    status: p.status,
    publishedAt: seconds(p.publishedAt),
    trashed: !!p.deletedAt,
    sticky: p.sticky,
    commentsOpen: p.commentsOpen,
    pingsOpen: p.pingsOpen,
    password: p.password,
    author: p.author.email,
    tags: p.tags.map((t) => `${t.slug}:${t.name}`),
    excerpt: p.excerpt,
    html: squash(p.html),
    plainText: p.plainText.replace(/\s+/g, ' ').trim(),
    comments: p.comments.map((c) => ({
      kind: c.kind,
      status: c.status,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      sourceUrl: c.sourceUrl,
      createdAt: seconds(c.createdAt),
      html: squash(c.html),
      parent: c.parent ? c.parent.authorName : null,
    })),
  }))
}

describe('export to WXR, then import into a fresh database', () => {
  let source: Db
  let target: Db
  let file: string
  beforeAll(async () => {
    source = createTestDb().db
    target = createTestDb().db
    await buildBlog(source)
    file = join(mkdtempSync(join(tmpdir(), 'daisy-roundtrip-')), 'export.wxr.xml')
    writeFileSync(file, toWxr(await loadExportData(source, 'https://blog.example')))
    const admin = await target.user.create({
      data: { email: 'someone@else.test', name: 'New admin', role: 'ADMIN', slug: 'new-admin' },
    })
    const report = await importWxr({ db: target, file, fallbackAuthorId: admin.id })
    expect(report.stoppedAt).toBeUndefined()
  })
  afterAll(async () => {
    await source.$disconnect()
    await target.$disconnect()
  })

  it('gives the same posts and pages, with their comments, kinds, statuses and threads', async () => {
    const before = await snapshot(source)
    const after = await snapshot(target)
    expect(after.map((p) => p.slug)).toEqual(before.map((p) => p.slug))
    for (const [i, post] of before.entries()) expect(after[i], post.slug).toEqual(post)
    const counted = (await target.comment.groupBy({ by: ['kind'], _count: true }))
      .map((g) => `${g.kind}:${g._count}`)
      .sort()
    expect(counted).toEqual(['COMMENT:5', 'PINGBACK:1', 'TRACKBACK:2', 'WEBMENTION:1'])
  })

  it('brings the authors across without passwords', async () => {
    const users = await target.user.findMany({
      where: { email: { in: ['rob@daisy.test', 'ann@daisy.test'] } },
      orderBy: { email: 'asc' },
    })
    expect(users.map((u) => [u.email, u.name, u.role, u.passwordHash])).toEqual([
      ['ann@daisy.test', 'Ann Author', 'AUTHOR', null],
      ['rob@daisy.test', 'Rob', 'AUTHOR', null],
    ])
  })

  it('is idempotent: importing the export again adds nothing', async () => {
    const admin = await target.user.findFirstOrThrow({ where: { role: 'ADMIN' } })
    const before = await snapshot(target)
    const again = await importWxr({ db: target, file, fallbackAuthorId: admin.id })
    expect(again.posts.created + again.pages.created + again.comments.created).toBe(0)
    expect(await snapshot(target)).toEqual(before)
  })
})
