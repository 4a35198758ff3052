import { describe, expect, it } from 'vitest'
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
      absolutizeUrls('<a href="/a">x</a><a href="https://o.example/b">y</a><a href="//cdn.example/c">z</a><img srcset="/m/1.jpg 1x, /m/2.jpg 2x">', 'https://b.example/'),
    ).toBe('<a href="https://b.example/a">x</a><a href="https://o.example/b">y</a><a href="//cdn.example/c">z</a><img srcset="https://b.example/m/1.jpg 1x, https://b.example/m/2.jpg 2x">')
  })
})
