import { assert, describe, expect, it } from 'vitest'
import { SaxesParser } from 'saxes'
import { absolutizeUrls, buildFeed, type FeedChannel } from './build'

const channel: FeedChannel = {
  title: 'Rob & Co',
  description: 'Customers',
  origin: 'https://blog.example.com',
  pagePath: '/',
  rssPath: '/feed.xml',
  atomPath: '/atom.xml',
  language: 'en',
}
const entry = {
  path: '/posts/hello',
  title: 'Hello <world>',
  date: new Date('2010-12-21T17:30:00Z'),
  html: '<p>Full <em>content</em> with <a href="/posts/other">a link</a> and <img src="/media/a.jpg" alt=""></p>',
  summary: 'Full content',
  authorName: 'Rob La Gesse',
  categories: ['news'],
}

describe('buildFeed', () => {
  it('builds RSS 2.0 with full content, absolute links and RFC 822 dates', () => {
    const xml = buildFeed('rss', channel, [entry])
    expect(xml).toContain('<rss version="2.0"')
    expect(xml).toContain('<title><![CDATA[Hello <world>]]></title>')
    expect(xml).toContain('<link>https://blog.example.com/posts/hello</link>')
    expect(xml).toContain('<pubDate>Tue, 21 Dec 2010 17:30:00 GMT</pubDate>')
    expect(xml).toContain('<content:encoded><![CDATA[<p>Full <em>content</em>')
    expect(xml).toContain('href="https://blog.example.com/posts/other"')
    expect(xml).toContain('<atom:link href="https://blog.example.com/feed.xml" rel="self" type="application/rss+xml"/>')
    expect(xml).toContain('<category>news</category>')
    expect(xml).toContain('<guid isPermaLink="true">https://blog.example.com/posts/hello</guid>')
    expect(xml).toContain('<dc:creator><![CDATA[Rob La Gesse]]></dc:creator>')
    expect(xml).not.toContain('<author>')
  })

  it('builds Atom 1.0 with ids, updated dates and HTML content', () => {
    const xml = buildFeed('atom', channel, [entry])
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"')
    expect(xml).toContain('<id>https://blog.example.com/posts/hello</id>')
    expect(xml).toContain('<updated>2010-12-21T17:30:00.000Z</updated>')
    expect(xml).toContain('<content type="html">')
    expect(xml).toMatch(/<author>\s*<name>Rob La Gesse<\/name>/)
    expect(xml).toContain('<link rel="self" href="https://blog.example.com/atom.xml"/>')
  })

  it('gives an empty feed a valid updated date', () => {
    expect(buildFeed('atom', channel, [])).toContain('<updated>1970-01-01T00:00:00.000Z</updated>')
  })
})

describe('absolutizeUrls', () => {
  it('makes root-relative URLs absolute and leaves others alone', () => {
    expect(
      absolutizeUrls(
        '<a href="/a">x</a><a href="https://o.example/b">y</a><a href="//cdn.example/c">z</a><img srcset="/m/1.jpg 1x, /m/2.jpg 2x">',
        'https://b.example/',
      ),
    ).toBe(
      '<a href="https://b.example/a">x</a><a href="https://o.example/b">y</a><a href="//cdn.example/c">z</a><img srcset="https://b.example/m/1.jpg 1x, https://b.example/m/2.jpg 2x">',
    )
  })
})

// A tiny tree from a real XML parser: saxes refuses anything that is not well-formed, as a feed reader would.
type Node = { name: string; attrs: Record<string, string>; children: Node[]; text: string }
function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: false })
  const root: Node = { name: '#document', attrs: {}, children: [], text: '' }
  const stack = [root]
  parser.on('opentag', (tag) => {
    const node: Node = {
      name: tag.name,
      attrs: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])),
      children: [],
      text: '',
    }
    stack.at(-1)!.children.push(node)
    stack.push(node)
  })
  parser.on('closetag', () => void stack.pop())
  parser.on('text', (t) => void (stack.at(-1)!.text += t))
  parser.on('cdata', (t) => void (stack.at(-1)!.text += t))
  parser.on('error', (e) => {
    throw e
  })
  parser.write(xml).close()
  return root
}
const all = (node: Node, name: string): Node[] =>
  node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)])
const one = (node: Node, name: string): Node => all(node, name)[0] ?? assert.fail(`no <${name}>`)
/** Atom's type="html" elements hold HTML: decode it as a reader would. */
const fromHtml = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

describe('buildFeed with hostile names and titles', () => {
  const tag = '<img src=x onerror=alert(1)>'
  const nasty = 'A & B &amp; <b>C</b> "q" ]]> and ]]> again'
  const hostile: FeedChannel = { ...channel, title: `Site ${nasty}`, description: `About ${nasty}` }
  const entries = [
    {
      ...entry,
      path: '/posts/x?a=1&b=<2>',
      title: `Title ${nasty}`,
      summary: `Summary ${nasty}`,
      html: '<p>Code: <code>]]&gt;</code> ]]> and ]]> <a href="/a?b=1&amp;c=2">x</a></p>',
      authorName: `Author ${nasty}`,
      categories: [tag, 'Tom & Jerry', 'a ]]> b'],
    },
    // XML 1.0 cannot carry most control characters at all, even escaped: they are dropped.
    {
      ...entry,
      path: '/posts/ctl',
      title: 'Bell\u0007 tab\t vt\u000B nul\u0000 ok',
      authorName: 'Name\u001F',
      categories: [],
    },
  ]

  it('atom: a tag named like an HTML element stays an attribute value', () => {
    const doc = parseXml(buildFeed('atom', channel, [{ ...entry, categories: [tag] }]))
    expect(one(doc, 'category').attrs).toMatchObject({ term: tag, label: tag })
  })

  for (const format of ['rss', 'atom'] as const) {
    it(`${format}: is well-formed and every field reads back as written`, () => {
      const doc = parseXml(buildFeed(format, hostile, entries))
      const items = all(doc, format === 'rss' ? 'item' : 'entry')
      expect(items).toHaveLength(2)
      const [first, second] = items as [Node, Node]
      const titleOf = (n: Node) => (format === 'rss' ? one(n, 'title').text : fromHtml(one(n, 'title').text))
      expect(titleOf(first)).toBe(`Title ${nasty}`)
      expect(titleOf(second)).toBe('Bell tab\t vt nul ok')
      if (format === 'rss') {
        expect(one(doc, 'channel').children.find((c) => c.name === 'title')!.text).toBe(`Site ${nasty}`)
        expect(one(doc, 'channel').children.find((c) => c.name === 'description')!.text).toBe(`About ${nasty}`)
        expect(one(first, 'description').text).toBe(
          `Summary ${nasty}`.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
        )
        expect(one(first, 'content:encoded').text).toBe(
          '<p>Code: <code>]]&gt;</code> ]]> and ]]> <a href="https://blog.example.com/a?b=1&amp;c=2">x</a></p>',
        )
        expect(one(first, 'dc:creator').text).toBe(`Author ${nasty}`)
        expect(one(second, 'dc:creator').text).toBe('Name')
        expect(all(first, 'category').map((c) => c.text)).toEqual([tag, 'Tom & Jerry', 'a ]]> b'])
        expect(one(first, 'link').text).toBe('https://blog.example.com/posts/x?a=1&b=%3C2%3E')
      } else {
        expect(one(doc, 'feed').children.find((c) => c.name === 'title')!.text).toBe(`Site ${nasty}`)
        expect(one(doc, 'subtitle').text).toBe(`About ${nasty}`)
        expect(fromHtml(one(first, 'summary').text)).toBe(`Summary ${nasty}`)
        expect(one(first, 'content').text).toContain('<code>]]&gt;</code> ]]> and ]]> ')
        expect(one(one(first, 'author'), 'name').text).toBe(`Author ${nasty}`)
        // Atom requires term; label is what readers show.
        expect(all(first, 'category').map((c) => [c.attrs.term, c.attrs.label])).toEqual([
          [tag, tag],
          ['Tom & Jerry', 'Tom & Jerry'],
          ['a ]]> b', 'a ]]> b'],
        ])
        expect(one(first, 'link').attrs.href).toBe('https://blog.example.com/posts/x?a=1&b=%3C2%3E')
        expect(one(first, 'id').text).toBe('https://blog.example.com/posts/x?a=1&b=%3C2%3E')
      }
    })
  }
})
