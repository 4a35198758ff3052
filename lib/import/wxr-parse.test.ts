import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import {
  createWxrParser,
  parseWxrFile,
  WxrError,
  type WxrAuthor,
  type WxrChannel,
  type WxrItem,
  type WxrTerm,
} from './wxr-parse'

const fixture = fileURLToPath(new URL('./fixtures/small.wxr.xml', import.meta.url))

async function collect(feed: (p: ReturnType<typeof createWxrParser>) => Promise<void>) {
  const got = {
    channel: null as WxrChannel | null,
    authors: [] as WxrAuthor[],
    terms: [] as WxrTerm[],
    items: [] as WxrItem[],
  }
  const parser = createWxrParser({
    channel: (c) => void (got.channel = c),
    author: (a) => void got.authors.push(a),
    term: (t) => void got.terms.push(t),
    item: async (i) => void got.items.push(i),
  })
  await feed(parser)
  return got
}

describe('parseWxrFile (WXR 1.1 fixture)', () => {
  it('reads the channel, authors and terms, whatever namespace version', async () => {
    const got = { authors: [] as WxrAuthor[], terms: [] as WxrTerm[], channel: null as WxrChannel | null }
    await parseWxrFile(fixture, {
      channel: (c) => void (got.channel = c),
      author: (a) => void got.authors.push(a),
      term: (t) => void got.terms.push(t),
    })
    expect(got.channel).toMatchObject({
      title: "Rob's Blog",
      baseSiteUrl: 'http://rob.example',
      wxrVersion: '1.1',
      description: 'Customers & stories',
    })
    expect(got.authors).toEqual([{ login: 'rob', email: 'rob@rob.example', displayName: 'Rob La Gesse' }])
    expect(got.terms).toEqual([
      { kind: 'category', slug: 'customer-service', name: 'Customer Service', description: '' },
      { kind: 'tag', slug: 'rackspace', name: 'Rackspace', description: '' },
    ])
  })

  it('reads every field of a post, and its comment tree with kinds and approval states', async () => {
    const items: WxrItem[] = []
    await parseWxrFile(fixture, { item: (i) => void items.push(i) })
    const [post, page] = items
    expect(post).toMatchObject({
      title: 'Template: Comments',
      link: 'http://rob.example/2012/01/03/template-comments/',
      creator: 'rob',
      postId: '149',
      postDateGmt: '2012-01-03 16:20:00',
      postName: 'template-comments',
      status: 'publish',
      postType: 'post',
      isSticky: true,
      commentStatus: 'open',
    })
    expect(post!.content).toBe('First paragraph.\n\nSecond paragraph with <a href="http://x.example/">a link</a>.')
    expect(post!.categories).toEqual([
      { domain: 'category', slug: 'customer-service', name: 'Customer Service' },
      { domain: 'post_tag', slug: 'rackspace', name: 'Rackspace' },
    ])
    expect(post!.comments.map((c) => [c.id, c.parentId, c.type, c.approved])).toEqual([
      ['881', '0', '', '1'],
      ['882', '881', '', '1'],
      ['883', '882', '', '0'],
      ['884', '0', 'trackback', '1'],
      ['885', '0', 'pingback', 'spam'],
    ])
    expect(post!.comments[0]!.url).toBe('http://anon.example/?a=1&b=2')
    expect(post!.comments[3]!.content).toBe('[&#8230;] This post was mentioned on Twitter by Ed Leafe [&#8230;]')
    expect(page).toMatchObject({
      postType: 'page',
      status: 'private',
      postPassword: 'hunter2',
      postDateGmt: '0000-00-00 00:00:00',
      excerpt: 'A teaser.',
      commentStatus: 'closed',
    })
  })
})

describe('broken files', () => {
  it('names the line of malformed XML', async () => {
    const bad =
      '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<item><title>x</titel></item>\n</channel></rss>'
    await expect(
      collect(async (p) => {
        await p.write(bad)
        await p.end()
      }),
    ).rejects.toThrow(/line 4/)
  })
  it('refuses files that are not WordPress exports', async () => {
    await expect(
      collect(async (p) => {
        await p.write('<html><body>hi</body></html>')
        await p.end()
      }),
    ).rejects.toThrow(WxrError)
    await expect(
      collect(async (p) => {
        await p.write('<rss><channel><title>plain feed</title></channel></rss>')
        await p.end()
      }),
    ).rejects.toThrow(/not a WordPress export/)
    await expect(
      collect(async (p) => {
        await p.write('<rss><channel><item>')
        await p.end()
      }),
    ).rejects.toThrow(/ends too early|not well-formed/)
  })
  it('reads a file fed in tiny chunks the same way', async () => {
    const { readFileSync } = await import('node:fs')
    const text = readFileSync(fixture, 'utf8')
    const got = await collect(async (p) => {
      for (let i = 0; i < text.length; i += 7) await p.write(text.slice(i, i + 7))
      await p.end()
    })
    expect(got.items.map((i) => i.postId)).toEqual(['149', '150'])
    expect(got.items[0]!.comments).toHaveLength(5)
  })
})

describe('leading junk', () => {
  it('reads a file with blank lines and a byte-order mark before the XML declaration', async () => {
    const got = await collect(async (p) => {
      await p.write('\uFEFF\n\n  ')
      await p.write(readFileSync(fixture, 'utf8'))
      await p.end()
    })
    expect(got.items).toHaveLength(2)
  })
})

// Every spelling of the `wp` and `excerpt` namespaces that WordPress's own importer reads: its SimpleXML
// parser takes whatever URI the file binds to the prefix, its XML-processor parser lists http and https for
// 1.0–1.2. WordPress.com and newer exporters write https; hand-made files sometimes drop the trailing slash.
const SPELLINGS = ['http', 'https'].flatMap((scheme) =>
  ['1.0', '1.1', '1.2'].flatMap((version) =>
    ['/', ''].map((slash) => ({
      wp: `${scheme}://wordpress.org/export/${version}${slash}`,
      excerpt: `${scheme}://wordpress.org/export/${version}/excerpt${slash}`,
    })),
  ),
)

function respell(xml: string, { wp, excerpt }: (typeof SPELLINGS)[number]) {
  return xml
    .replace('xmlns:wp="http://wordpress.org/export/1.1/"', `xmlns:wp="${wp}"`)
    .replace('xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/"', `xmlns:excerpt="${excerpt}"`)
}

describe('namespace spellings', () => {
  it.each(SPELLINGS)('reads $wp', async (spelling) => {
    const xml = respell(readFileSync(fixture, 'utf8'), spelling)
    expect(xml).toContain(`xmlns:wp="${spelling.wp}"`)
    const got = await collect(async (p) => {
      await p.write(xml)
      await p.end()
    })
    expect(got.channel).toMatchObject({ wxrVersion: '1.1', baseSiteUrl: 'http://rob.example' })
    expect(got.authors.map((a) => a.login)).toEqual(['rob'])
    expect(got.terms).toHaveLength(2)
    expect(got.items.map((i) => [i.postId, i.postType, i.comments.length])).toEqual([
      ['149', 'post', 5],
      ['150', 'page', 0],
    ])
    expect(got.items[1]!.excerpt).toBe('A teaser.')
  })

  it('reads a WordPress.com export (https namespaces)', async () => {
    const got = { channel: null as WxrChannel | null, items: [] as WxrItem[] }
    await parseWxrFile(fileURLToPath(new URL('./fixtures/wpcom.wxr.xml', import.meta.url)), {
      channel: (c) => void (got.channel = c),
      item: (i) => void got.items.push(i),
    })
    expect(got.channel).toMatchObject({ wxrVersion: '1.2', baseBlogUrl: 'https://harbournotes.wordpress.com' })
    expect(got.items[0]).toMatchObject({
      postId: '12',
      postName: 'spring-tides',
      excerpt: 'High water, low water.',
      status: 'publish',
    })
    expect(got.items[0]!.comments.map((c) => c.author)).toEqual(['Sailor Sam'])
  })

  it('still ignores look-alike namespaces', async () => {
    const xml = readFileSync(fixture, 'utf8').replace(
      'xmlns:wp="http://wordpress.org/export/1.1/"',
      'xmlns:wp="http://wordpress.org.evil.example/export/1.1/"',
    )
    await expect(
      collect(async (p) => {
        await p.write(xml)
        await p.end()
      }),
    ).rejects.toThrow(/no wp:wxr_version/)
  })
})
