import { describe, expect, it } from 'vitest'
import { SaxesParser } from 'saxes'
import { buildWxr, wpDate, type WxrData } from './wxr'

const at = new Date('2010-12-21T17:30:00Z')
const data: WxrData = {
  site: {
    title: 'Rob & Co',
    tagline: 'Customers',
    siteUrl: 'https://blog.example',
    locale: 'en-US',
    timezone: 'America/Chicago',
  },
  authors: [{ id: 'u1', email: 'rob@example.com', name: 'Rob La Gesse', slug: 'rob-la-gesse' }],
  tags: [{ slug: 'support', name: 'Support', description: '' }],
  posts: [
    {
      id: 'p1',
      type: 'POST',
      slug: 'hello',
      title: 'Hello <world>',
      html: '<p>Body with ]]> inside</p>',
      excerpt: 'Body',
      status: 'PUBLISHED',
      publishedAt: at,
      createdAt: at,
      deletedAt: null,
      commentsOpen: true,
      pingsOpen: false,
      sticky: true,
      password: null,
      authorId: 'u1',
      tags: [{ slug: 'support', name: 'Support' }],
      comments: [
        {
          id: 'c1',
          parentId: null,
          kind: 'COMMENT',
          status: 'APPROVED',
          authorName: 'Ed',
          authorEmail: 'ed@example.com',
          authorUrl: 'https://ed.example/?a=1&b=2',
          ip: '198.51.100.1',
          content: 'Hi',
          html: '<p>Hi</p>',
          sourceTitle: null,
          sourceUrl: null,
          createdAt: at,
          userId: null,
        },
        {
          id: 'c2',
          parentId: 'c1',
          kind: 'COMMENT',
          status: 'PENDING',
          authorName: 'Rob',
          authorEmail: 'rob@example.com',
          authorUrl: null,
          ip: null,
          content: 'Reply',
          html: '<p>Reply</p>',
          sourceTitle: null,
          sourceUrl: null,
          createdAt: at,
          userId: 'u1',
        },
        {
          id: 'c3',
          parentId: null,
          kind: 'TRACKBACK',
          status: 'SPAM',
          authorName: 'Twitter',
          authorEmail: null,
          authorUrl: null,
          ip: null,
          content: '[…] mentioned […]',
          html: '<p>[…] mentioned […]</p>',
          sourceTitle: 'Tweets & more',
          sourceUrl: 'https://twitter.example/1',
          createdAt: at,
          userId: null,
        },
      ],
    },
    {
      id: 'p2',
      type: 'PAGE',
      slug: 'about',
      title: 'About',
      html: '<p>About</p>',
      excerpt: '',
      status: 'DRAFT',
      publishedAt: null,
      createdAt: at,
      deletedAt: null,
      commentsOpen: false,
      pingsOpen: false,
      sticky: false,
      password: 'secret',
      authorId: 'u1',
      tags: [],
      comments: [],
    },
  ],
}

/** Every element's text, by path, read back with a conforming XML parser. */
function read(xml: string) {
  const parser = new SaxesParser()
  type Found = { path: string; text: string; attributes: Record<string, string> }
  const stack: Found[] = []
  const found: Found[] = []
  parser.on('opentag', (tag) => {
    const entry = {
      path: [...stack.map((s) => s.path.split('/').at(-1)), tag.name].join('/'),
      text: '',
      attributes: tag.attributes as Record<string, string>,
    }
    stack.push(entry)
    found.push(entry)
  })
  parser.on('text', (t) => stack.length && (stack.at(-1)!.text += t))
  parser.on('cdata', (t) => stack.length && (stack.at(-1)!.text += t))
  parser.on('closetag', () => stack.pop())
  parser.write(xml).close()
  const all = (suffix: string) => found.filter((f) => f.path.endsWith(suffix)).map((f) => f.text.trim())
  return { all, found }
}

describe('buildWxr', () => {
  const xml = buildWxr(data, new Date('2020-01-01T00:00:00Z'))
  const { all, found } = read(xml)

  it('is well-formed WXR 1.2 with the site and its authors and tags', () => {
    expect(all('channel/wp:wxr_version')).toEqual(['1.2'])
    expect(all('channel/title')).toEqual(['Rob & Co'])
    expect(all('wp:author/wp:author_login')).toEqual(['rob-la-gesse'])
    expect(all('wp:tag/wp:tag_slug')).toEqual(['support'])
  })
  it('writes posts and pages with numeric ids, statuses, dates, slugs and passwords', () => {
    expect(all('item/title')).toEqual(['Hello <world>', 'About'])
    expect(all('item/wp:post_id')).toEqual(['1', '2'])
    expect(all('item/wp:status')).toEqual(['publish', 'draft'])
    expect(all('item/wp:post_type')).toEqual(['post', 'page'])
    expect(all('item/wp:post_date_gmt')).toEqual(['2010-12-21 17:30:00', '0000-00-00 00:00:00'])
    expect(all('item/wp:post_date')[0]).toBe('2010-12-21 11:30:00')
    expect(all('item/wp:post_password')).toEqual(['', 'secret'])
    expect(all('item/wp:is_sticky')).toEqual(['1', '0'])
    expect(all('item/content:encoded')[0]).toBe('<p>Body with ]]> inside</p>')
    expect(found.find((f) => f.path.endsWith('item/category'))?.attributes).toEqual({
      domain: 'post_tag',
      nicename: 'support',
    })
  })
  it('keeps every comment with its kind, approval, parent and author', () => {
    expect(all('wp:comment/wp:comment_type')).toEqual(['comment', 'comment', 'trackback'])
    expect(all('wp:comment/wp:comment_approved')).toEqual(['1', '0', 'spam'])
    expect(all('wp:comment/wp:comment_parent')).toEqual(['0', '1', '0'])
    expect(all('wp:comment/wp:comment_user_id')).toEqual(['0', '1', '0'])
    expect(all('wp:comment/wp:comment_author_url')[0]).toBe('https://ed.example/?a=1&b=2')
    // Comments as HTML (WordPress's form); a TrackBack as WordPress stores one: its title in <strong>.
    expect(all('wp:comment/wp:comment_content')).toEqual([
      '<p>Hi</p>',
      '<p>Reply</p>',
      '<strong>Tweets &amp; more</strong>\n\n[…] mentioned […]',
    ])
  })
})

describe('wpDate', () => {
  it('formats in UTC or a zone', () => {
    expect(wpDate(at)).toBe('2010-12-21 17:30:00')
    expect(wpDate(at, 'Europe/Paris')).toBe('2010-12-21 18:30:00')
    expect(wpDate(null)).toBe('0000-00-00 00:00:00')
  })
})
