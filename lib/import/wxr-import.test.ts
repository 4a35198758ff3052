import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { createTestDb } from '../test/db'
import { rowCounts } from '../test/fixtures'
import type { Db } from '../db'
import { importWxr } from './wxr-import'
import { wpDateToInstant } from './run'
import { WxrError } from './wxr-parse'
import { fetchAttachmentIntoLibrary } from './attachments'
import { reportLines } from './report'

const fixture = fileURLToPath(new URL('./fixtures/small.wxr.xml', import.meta.url))
const folder = mkdtempSync(join(tmpdir(), 'daisy-wxr-'))

function writeFixture(name: string, xml: string): string {
  const file = join(folder, name)
  writeFileSync(file, xml)
  return file
}

async function freshDb(): Promise<{ db: Db; adminId: string }> {
  const { db } = createTestDb()
  const admin = await db.user.create({
    data: { email: 'admin@daisy.test', name: 'Admin', role: 'ADMIN', slug: 'admin' },
  })
  return { db, adminId: admin.id }
}

describe('importWxr on the WXR 1.1 fixture', () => {
  let db: Db
  let adminId: string
  let report: Awaited<ReturnType<typeof importWxr>>

  beforeAll(async () => {
    ;({ db, adminId } = await freshDb())
    report = await importWxr({ db, file: fixture, fallbackAuthorId: adminId })
  })
  afterAll(() => db.$disconnect())

  it('reports what it imported', () => {
    expect(report).toMatchObject({
      site: 'http://rob.example',
      wxrVersion: '1.1',
      items: 2,
      posts: { created: 1, existing: 0 },
      pages: { created: 1, existing: 0 },
      authors: { created: 1, existing: 0 },
      tags: { created: 2, existing: 0 },
      comments: { created: 5, existing: 0, byKind: { COMMENT: 3, TRACKBACK: 1, PINGBACK: 1, WEBMENTION: 0 } },
      redirects: { created: 4 },
    })
    expect(report.stoppedAt).toBeUndefined()
    expect(reportLines(report)[0]).toMatch(/^Imported from http:\/\/rob\.example \(WXR 1\.1, 2 items\)/)
  })

  it('imports the author as an AUTHOR who cannot sign in yet', async () => {
    const rob = await db.user.findUniqueOrThrow({ where: { email: 'rob@rob.example' } })
    expect(rob).toMatchObject({ name: 'Rob La Gesse', slug: 'rob', role: 'AUTHOR', passwordHash: null })
  })

  it('imports the post: status, GMT date, slug, sticky, switches, categories and tags, wpautop paragraphs', async () => {
    const post = await db.post.findUniqueOrThrow({
      where: { slug: 'template-comments' },
      include: { tags: true, author: true },
    })
    expect(post).toMatchObject({
      type: 'POST',
      status: 'PUBLISHED',
      format: 'HTML',
      title: 'Template: Comments',
      sticky: true,
      commentsOpen: true,
      pingsOpen: true,
      password: null,
    })
    expect(post.publishedAt?.toISOString()).toBe('2012-01-03T16:20:00.000Z')
    expect(post.author.email).toBe('rob@rob.example')
    expect(post.tags.map((t) => t.slug).sort()).toEqual(['customer-service', 'rackspace'])
    expect(post.html).toBe(
      '<p>First paragraph.</p>\n<p>Second paragraph with <a href="http://x.example/">a link</a>.</p>',
    )
    expect(post.excerpt).toBe('First paragraph. Second paragraph with a link.')
    expect(post.importKey).toBe('rob.example|post|149')
  })

  it('keeps a private, password-protected page as a draft whose body stays out of search, with no excerpt', async () => {
    const page = await db.post.findUniqueOrThrow({ where: { slug: 'members-only' } })
    expect(page).toMatchObject({
      type: 'PAGE',
      status: 'DRAFT',
      publishedAt: null,
      password: 'hunter2',
      commentsOpen: false,
      pingsOpen: false,
      plainText: '',
      excerpt: '',
    })
    // Block markup is kept as it is (its comments removed by the sanitizer), not run through wpautop.
    expect(page.html).toBe('<p>Secret words.</p>')
    // No GMT date: the local date is read in the site's time zone (UTC by default).
    expect(page.createdAt.toISOString()).toBe('2012-02-01T08:00:00.000Z')
  })

  it('keeps the comment thread three levels deep, kinds, approval states and author fields', async () => {
    const comments = await db.comment.findMany({ orderBy: { createdAt: 'asc' } })
    const [one, two, three, trackback, pingback] = comments
    expect(one).toMatchObject({
      kind: 'COMMENT',
      status: 'APPROVED',
      authorName: 'Anon',
      authorEmail: 'anon@example.com',
      authorUrl: 'http://anon.example/?a=1&b=2',
      ip: '198.51.100.9',
      parentId: null,
    })
    expect(one!.createdAt.toISOString()).toBe('2012-01-03T17:00:00.000Z')
    expect(two).toMatchObject({ parentId: one!.id, status: 'APPROVED' })
    expect(three).toMatchObject({ parentId: two!.id, status: 'PENDING' })
    expect(trackback).toMatchObject({
      kind: 'TRACKBACK',
      status: 'APPROVED',
      sourceUrl: 'http://topsy.com/rob.example/2012/01/03/template-comments/',
      blogName: 'Tweets that mention Template: Comments -- Topsy.com',
    })
    expect(trackback!.html).toBe('<p>[…] This post was mentioned on Twitter by Ed Leafe […]</p>')
    expect(pingback).toMatchObject({
      kind: 'PINGBACK',
      status: 'SPAM',
      sourceTitle: 'Other Blog » A post',
      sourceUrl: 'http://other.example/a-post/',
    })
  })

  it('records the old permalink and the ?p= shortlinks as redirects', async () => {
    const redirects = await db.redirect.findMany({
      select: { fromPath: true, post: { select: { slug: true } } },
      orderBy: { fromPath: 'asc' },
    })
    expect(redirects).toEqual([
      { fromPath: '/2012/01/03/template-comments', post: { slug: 'template-comments' } },
      { fromPath: '/?p=149', post: { slug: 'template-comments' } },
      { fromPath: '/?p=150', post: { slug: 'members-only' } },
      { fromPath: '/?page_id=150', post: { slug: 'members-only' } },
    ])
  })

  it('changes nothing when the same file is imported again', async () => {
    const before = await rowCounts(db)
    const again = await importWxr({ db, file: fixture, fallbackAuthorId: adminId })
    expect(await rowCounts(db)).toEqual(before)
    expect(again).toMatchObject({
      posts: { created: 0, existing: 1 },
      pages: { created: 0, existing: 1 },
      comments: { created: 0, existing: 5 },
      authors: { created: 0, existing: 1 },
      redirects: { created: 0, existing: 4 },
    })
  })
})

describe('importWxr on a WordPress.com export (https namespaces)', () => {
  it('imports its posts, page, excerpt, comment and old addresses', async () => {
    const { db, adminId } = await freshDb()
    const report = await importWxr({
      db,
      file: fileURLToPath(new URL('./fixtures/wpcom.wxr.xml', import.meta.url)),
      fallbackAuthorId: adminId,
    })
    expect(report).toMatchObject({
      site: 'https://harbournotes.wordpress.com',
      wxrVersion: '1.2',
      items: 2,
      posts: { created: 1 },
      pages: { created: 1 },
      authors: { created: 1 },
      comments: { created: 1 },
    })
    const post = await db.post.findUniqueOrThrow({
      where: { slug: 'spring-tides' },
      include: { tags: true, author: true },
    })
    expect(post).toMatchObject({
      status: 'PUBLISHED',
      excerpt: 'High water, low water.',
      importKey: 'harbournotes.wordpress.com|post|12',
    })
    expect(post.author.email).toBe('hm@harbour.example')
    expect(post.tags.map((t) => t.slug)).toEqual(['tides'])
    expect(
      await db.redirect.findMany({
        where: { postId: post.id },
        select: { fromPath: true },
        orderBy: { fromPath: 'asc' },
      }),
    ).toEqual([{ fromPath: '/2024/03/15/spring-tides' }, { fromPath: '/?p=12' }])
    await db.$disconnect()
  })

  // The same small export under every namespace spelling WordPress's importer reads (see wxr-parse.test.ts).
  it.each(
    ['http', 'https'].flatMap((scheme) =>
      ['1.0/', '1.1', '1.2/', '1.2'].map((v) => `${scheme}://wordpress.org/export/${v}`),
    ),
  )('imports a file whose wp namespace is %s', async (ns) => {
    const { db, adminId } = await freshDb()
    const xml = wxr({ version: '1.2', body: item({ id: 7, title: 'Spelled' }) }).replace(
      'xmlns:wp="http://wordpress.org/export/1.2/"',
      `xmlns:wp="${ns}"`,
    )
    const report = await importWxr({
      db,
      file: writeFixture(`ns-${Math.random()}.xml`, xml),
      fallbackAuthorId: adminId,
    })
    expect(report).toMatchObject({ items: 1, posts: { created: 1 } })
    await db.$disconnect()
  })
})

describe('importWxr refuses a broken file and writes nothing', () => {
  it.each([
    [
      'malformed XML (unclosed element)',
      '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<item><title>Half</title>\n</channel></rss>',
      /line 5/,
    ],
    [
      'an RSS feed that is not a WordPress export',
      '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title><item><title>y</title></item></channel></rss>',
      /not a WordPress export/,
    ],
    ['an HTML page', '<!doctype html>\n<html><body>Hi</body></html>', /line/],
    ['an empty file', '', /empty/],
  ])('%s', async (_name, xml, message) => {
    const { db, adminId } = await freshDb()
    const before = await rowCounts(db)
    const error = await importWxr({
      db,
      file: writeFixture(`bad-${Math.random()}.xml`, xml),
      fallbackAuthorId: adminId,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WxrError)
    expect((error as Error).message).toMatch(message)
    expect(await rowCounts(db)).toEqual(before)
    await db.$disconnect()
  })

  it('a file cut off after many good items imports none of them', async () => {
    const items = Array.from({ length: 30 }, (_, i) => item({ id: 1000 + i, title: `Post ${i}` })).join('\n')
    const { db, adminId } = await freshDb()
    const file = writeFixture('cut.xml', wxr({ version: '1.2', body: items }).slice(0, -40))
    await expect(importWxr({ db, file, fallbackAuthorId: adminId })).rejects.toThrow(WxrError)
    expect((await rowCounts(db)).posts).toBe(0)
    await db.$disconnect()
  })
})

describe('importWxr: WXR 1.0, other content types, attachments', () => {
  let server: Server
  let origin: string
  let png: Buffer

  beforeAll(async () => {
    png = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#c63' } })
      .png()
      .toBuffer()
    server = createServer((request, response) => {
      if (request.url === '/wp-content/uploads/2012/01/photo.png')
        return void response.writeHead(200, { 'content-type': 'image/png' }).end(png)
      response.writeHead(404).end('gone')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('stores fetchable images, keeps the URL of the rest, rewrites posts to the stored copy, skips menus', async () => {
    const photo = `${origin}/wp-content/uploads/2012/01/photo.png`
    const body = [
      item({
        id: 1,
        title: 'With a photo',
        content: `[caption id="attachment_7" align="alignnone" width="300"]<img src="${origin}/wp-content/uploads/2012/01/photo-300x188.png" alt="Sunset" width="300" height="188" /> The sunset[/caption]\n\nText under it.`,
      }),
      item({
        id: 2,
        title: 'Same photo, other names',
        content: `<img src="${photo.replace('http:', 'https:').replace('photo.png', 'photo-e1591234567-1024x640.png')}" alt="Big">`,
      }),
      attachment({ id: 7, url: photo }),
      attachment({ id: 8, url: `${origin}/wp-content/uploads/2012/01/missing.pdf` }),
      item({ id: 9, title: 'Menu', type: 'nav_menu_item' }),
      item({ id: 10, title: 'Scheduled', status: 'future', date: '2099-05-01 10:00:00' }),
      item({ id: 11, title: 'Pending review', status: 'pending' }),
      item({ id: 12, title: 'Binned', status: 'trash' }),
      item({ id: 13, title: '', status: 'auto-draft' }),
    ].join('\n')
    const { db, adminId } = await freshDb()
    const file = writeFixture('media.xml', wxr({ version: '1.0', body }))
    const report = await importWxr({ db, file, fallbackAuthorId: adminId, fetchAttachment: fetchAttachmentIntoLibrary })
    expect(report).toMatchObject({
      wxrVersion: '1.0',
      items: 9,
      posts: { created: 5 },
      attachments: { stored: 1, linked: 1, existing: 0 },
    })
    expect(report.skipped.map((s) => `${s.count} × ${s.what}: ${s.why}`).sort()).toEqual([
      '1 × attachment file: kept at its original URL: the old site answered HTTP 404',
      '1 × nav_menu_item: Daisy has no such content type',
      '1 × post: an empty auto-draft',
    ])

    const stored = await db.media.findFirstOrThrow({ where: { sourceUrl: photo } })
    expect(stored).toMatchObject({
      mimeType: 'image/png',
      width: 640,
      height: 400,
      alt: 'Attachment 7',
      importKey: 'wp.test|attachment|7',
    })
    expect(stored.path).toMatch(/^\d{4}-\d{2}\/photo-[0-9a-f]{16}\.png$/)
    const linked = await db.media.findFirstOrThrow({ where: { importKey: 'wp.test|attachment|8' } })
    expect(linked).toMatchObject({
      path: `${origin}/wp-content/uploads/2012/01/missing.pdf`,
      mimeType: 'application/pdf',
      size: 0,
    })

    const post = await db.post.findUniqueOrThrow({ where: { slug: 'with-a-photo' } })
    expect(post.html).toContain(
      `<figure><img src="/media/${stored.path}" alt="Sunset" width="300" height="188"><figcaption>The sunset</figcaption></figure>`,
    )
    expect(post.html).toContain('<p>Text under it.</p>')
    expect((await db.post.findUniqueOrThrow({ where: { slug: 'same-photo-other-names' } })).html).toBe(
      `<p><img src="/media/${stored.path}" alt="Big"></p>`,
    )

    const byTitle = Object.fromEntries((await db.post.findMany()).map((p) => [p.title, p]))
    expect(byTitle['Scheduled']).toMatchObject({ status: 'SCHEDULED' })
    expect(byTitle['Scheduled']!.publishedAt?.toISOString()).toBe('2099-05-01T10:00:00.000Z')
    expect(byTitle['Pending review']).toMatchObject({ status: 'DRAFT', publishedAt: null })
    expect(byTitle['Binned']!.deletedAt).not.toBeNull()
    await db.$disconnect()
  })
})

describe('importWxr: attachments fetched on a later run', () => {
  let server: Server
  let photo = ''
  beforeAll(async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#36c' } })
      .png()
      .toBuffer()
    server = createServer(
      (_request, response) => void response.writeHead(200, { 'content-type': 'image/png' }).end(png),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    photo = `http://127.0.0.1:${(server.address() as { port: number }).port}/wp-content/uploads/2013/05/pier.png`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('keeps the old address without --media, then stores the file and relinks posts when run with it', async () => {
    const { db, adminId } = await freshDb()
    const file = writeFixture(
      'later.xml',
      wxr({
        version: '1.2',
        body: [
          item({ id: 1, title: 'Pier', content: `<img src="${photo}" alt="Pier">` }),
          attachment({ id: 2, url: photo }),
        ].join('\n'),
      }),
    )
    const first = await importWxr({ db, file, fallbackAuthorId: adminId })
    expect(first.attachments).toEqual({ stored: 0, linked: 1, existing: 0 })
    expect((await db.post.findFirstOrThrow()).html).toContain(photo)
    const second = await importWxr({ db, file, fallbackAuthorId: adminId, fetchAttachment: fetchAttachmentIntoLibrary })
    expect(second.attachments).toEqual({ stored: 1, linked: 0, existing: 0 })
    const media = await db.media.findMany()
    expect(media).toHaveLength(1)
    expect(media[0]!.path).toMatch(/^\d{4}-\d{2}\/pier-[0-9a-f]{16}\.png$/)
    expect((await db.post.findFirstOrThrow()).html).toBe(`<p><img src="/media/${media[0]!.path}" alt="Pier"></p>`)
    await db.$disconnect()
  })
})

describe('importWxr: the same blog after a move to https', () => {
  it('recognises its items, and decodes entities in names', async () => {
    const { db, adminId } = await freshDb()
    const first = wxr({
      version: '1.2',
      body: item({ id: 5, title: 'Tom &amp; Jerry' }).replace(
        '<dc:creator>',
        '<category domain="category" nicename="arts-crafts"><![CDATA[Arts &amp; Crafts]]></category><category domain="post_tag" nicename="%e6%97%a5%e8%a8%98"><![CDATA[日記]]></category><dc:creator>',
      ),
    })
    await importWxr({ db, file: writeFixture('http.xml', first), fallbackAuthorId: adminId })
    const moved = await importWxr({
      db,
      file: writeFixture('https.xml', first.replaceAll('http://wp.test', 'https://www.wp.test')),
      fallbackAuthorId: adminId,
    })
    expect(moved).toMatchObject({ site: 'https://www.wp.test', posts: { created: 0, existing: 1 } })
    const post = await db.post.findFirstOrThrow({ include: { tags: { orderBy: { name: 'asc' } } } })
    expect(post.title).toBe('Tom & Jerry')
    expect(post.tags.map((t) => [t.slug, t.name])).toEqual([
      ['arts-crafts', 'Arts & Crafts'],
      [expect.stringMatching(/^tag-[0-9a-f]{8}$/), '日記'],
    ])
    await db.$disconnect()
  })
})

describe('importWxr: threads in any order', () => {
  it('links a reply listed before its parent, breaks a cycle, keeps an orphan at the top', async () => {
    const comment = (id: number, parent: number) =>
      `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>C${id}</wp:comment_author><wp:comment_author_email></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP></wp:comment_author_IP><wp:comment_date>2012-01-0${id} 00:00:00</wp:comment_date><wp:comment_date_gmt>2012-01-0${id} 00:00:00</wp:comment_date_gmt><wp:comment_content>Text ${id}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`
    const body = item({ id: 1, title: 'Threads' }).replace(
      '</item>',
      `${comment(2, 1)}${comment(1, 0)}${comment(3, 4)}${comment(4, 3)}${comment(5, 999)}${comment(6, 6)}</item>`,
    )
    const { db, adminId } = await freshDb()
    const report = await importWxr({
      db,
      file: writeFixture('threads.xml', wxr({ version: '1.2', body })),
      fallbackAuthorId: adminId,
    })
    expect(report.stoppedAt).toBeUndefined()
    expect(report.comments.created).toBe(6)
    const rows = await db.comment.findMany({ include: { parent: true } })
    const parentOf = Object.fromEntries(rows.map((r) => [r.authorName, r.parent?.authorName ?? null]))
    expect(parentOf.C2).toBe('C1')
    expect(parentOf.C1).toBeNull()
    expect([parentOf.C3, parentOf.C4].filter(Boolean)).toHaveLength(1)
    expect(parentOf.C5).toBeNull()
    expect(parentOf.C6).toBeNull()
    expect(report.skipped.find((s) => s.what === 'reply link')?.count).toBe(1)
    await db.$disconnect()
  })
})

describe('wpDateToInstant', () => {
  it('prefers the GMT field and reads the local one in the site zone when GMT is empty', () => {
    expect(wpDateToInstant('2012-01-03 16:20:00', '2012-01-03 10:20:00', 'America/Chicago')?.toISOString()).toBe(
      '2012-01-03T16:20:00.000Z',
    )
    expect(wpDateToInstant('0000-00-00 00:00:00', '2012-01-03 10:20:00', 'America/Chicago')?.toISOString()).toBe(
      '2012-01-03T16:20:00.000Z',
    )
    expect(wpDateToInstant('', '', 'UTC')).toBeNull()
  })
})

// Small WXR writers for the cases above.
function wxr({ version, body }: { version: string; body: string }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/${version}/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/${version}/">
<channel>
<title>Test</title><link>http://wp.test</link>
<wp:wxr_version>${version}</wp:wxr_version><wp:base_site_url>${'http://wp.test'}</wp:base_site_url>
${body}
</channel>
</rss>`
}

function item({
  id,
  title,
  content = 'Body.',
  type = 'post',
  status = 'publish',
  date = '2012-01-01 00:00:00',
}: {
  id: number
  title: string
  content?: string
  type?: string
  status?: string
  date?: string
}) {
  return `<item><title>${title}</title><link>http://wp.test/?p=${id}</link><dc:creator>nobody</dc:creator>
<content:encoded><![CDATA[${content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date>${date}</wp:post_date><wp:post_date_gmt>${status === 'publish' || status === 'future' ? date : '0000-00-00 00:00:00'}</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status><wp:ping_status>open</wp:ping_status><wp:post_name></wp:post_name><wp:status>${status}</wp:status>
<wp:post_parent>0</wp:post_parent><wp:post_type>${type}</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky></item>`
}

function attachment({ id, url }: { id: number; url: string }) {
  return item({ id, title: `Attachment ${id}`, type: 'attachment', status: 'inherit' }).replace(
    '</item>',
    `<wp:attachment_url>${url}</wp:attachment_url></item>`,
  )
}
