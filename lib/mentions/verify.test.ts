import { describe, expect, it } from 'vitest'
import { inspectSource, normalizeUrl } from './verify'

const TARGET = 'https://blog.example/posts/hello'
const page = (body: string, head = '<title>Their post — Their Blog</title>') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`

describe('inspectSource', () => {
  it('finds an a[href] link and the text around it', () => {
    const facts = inspectSource(
      page('<p>I liked <a href="https://blog.example/posts/hello">this post</a> a lot.</p>'),
      'https://them.example/a',
      TARGET,
    )
    expect(facts).toMatchObject({
      linksToTarget: true,
      title: 'Their post — Their Blog',
      excerpt: 'I liked this post a lot.',
      blogName: 'them.example',
    })
  })
  it('resolves relative links against the source (and <base>), and ignores fragments and a trailing slash', () => {
    expect(
      inspectSource(page('<a href="/posts/hello/#c">x</a>'), 'https://blog.example/elsewhere', TARGET).linksToTarget,
    ).toBe(true)
    expect(
      inspectSource(
        page('<a href="hello">x</a>', '<base href="https://blog.example/posts/">'),
        'https://them.example/a',
        TARGET,
      ).linksToTarget,
    ).toBe(true)
  })
  it('decodes entities in attributes, as WordPress writes them (&#038;)', () => {
    const target = 'https://blog.example/posts/hello?a=1&b=2'
    expect(
      inspectSource(
        page('<a href="https://blog.example/posts/hello?a=1&#038;b=2">x</a>'),
        'https://them.example/a',
        target,
      ).linksToTarget,
    ).toBe(true)
  })
  it('counts images, video and audio sources', () => {
    expect(inspectSource(page(`<img src="${TARGET}" alt="">`), 'https://them.example/a', TARGET).linksToTarget).toBe(
      true,
    )
    expect(inspectSource(page(`<video src="${TARGET}"></video>`), 'https://them.example/a', TARGET).linksToTarget).toBe(
      true,
    )
  })
  it('does not count a URL in text, in an HTML comment, in a script, or a different URL', () => {
    for (const body of [
      `<p>see ${TARGET}</p>`,
      `<!-- <a href="${TARGET}">x</a> -->`,
      `<script>var u = '<a href="${TARGET}">'</script>`,
      '<a href="https://blog.example/posts/hello-world">x</a>',
      '<a href="http://blog.example.evil/posts/hello">x</a>',
    ]) {
      expect(inspectSource(page(body), 'https://them.example/a', TARGET).linksToTarget, body).toBe(false)
    }
  })
  it('reads the h-entry name and the author h-card', () => {
    const html = page(
      `<article class="h-entry"><h1 class="p-name">Why customers matter</h1><a class="p-author h-card u-url" href="https://ed.example/">Ed Leafe</a><div class="e-content"><p>Read <a href="${TARGET}">Rob</a>.</p></div></article>`,
      '<title>Ignored</title><meta property="og:site_name" content="Ed’s Notes">',
    )
    expect(inspectSource(html, 'https://ed.example/p/1', TARGET)).toMatchObject({
      title: 'Why customers matter',
      authorName: 'Ed Leafe',
      authorUrl: 'https://ed.example/',
      blogName: 'Ed’s Notes',
      excerpt: 'Read Rob.',
    })
  })
})

describe('normalizeUrl', () => {
  it('normalizes the parts that do not change the resource', () => {
    expect(normalizeUrl('HTTPS://Blog.Example:443/posts/x/#frag')).toBe('https://blog.example/posts/x')
    expect(normalizeUrl('http://blog.example:80/')).toBe('http://blog.example/')
    expect(normalizeUrl('/a?b=1', 'https://x.example/z')).toBe('https://x.example/a?b=1')
    expect(normalizeUrl('javascript:alert(1)')).toBeNull()
  })
})
