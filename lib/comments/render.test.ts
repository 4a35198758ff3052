import { describe, expect, it } from 'vitest'
import { unified } from 'unified'
import rehypeParse from 'rehype-parse'
import { visit } from 'unist-util-visit'
import type { Element } from 'hast'
import { renderComment, renderExcerpt } from './render'

/** Every element and attribute in the output, as a browser would parse it. */
function elementsOf(html: string) {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html)
  const found: { tag: string; props: Record<string, unknown> }[] = []
  visit(tree, 'element', (node: Element) => {
    found.push({ tag: node.tagName, props: node.properties })
  })
  return found
}

describe('renderComment', () => {
  it('keeps paragraphs, line breaks, emphasis, code and links', async () => {
    const html = await renderComment(
      'Hello *there* **friend**\nsecond line\n\nUse `npm test` and see [docs](https://example.com/docs) or https://example.org',
    )
    expect(html).toContain('<p>Hello <em>there</em> <strong>friend</strong><br>\nsecond line</p>')
    expect(html).toContain('<code>npm test</code>')
    expect(html).toContain('<a href="https://example.com/docs" rel="nofollow ugc noopener">docs</a>')
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">https://example.org</a>')
  })

  it('shows headings, lists, images and HTML as the text that was typed', async () => {
    const html = await renderComment('# Big\n\n- item\n\n![x](https://e.com/x.png)\n\n<b>bold</b>')
    expect(html).not.toMatch(/<h1|<ul|<li|<img|<b>/)
    expect(html).toContain('# Big')
    expect(html).toContain('- item')
    expect(html).toContain('&#x3C;b>bold&#x3C;/b>')
  })

  // A corpus of classic XSS payloads: none may produce markup that runs.
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[click](vbscript:msgbox(1))',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '"><script>alert(1)</script>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    '<<script>script>alert(1)<</script>/script>',
    '`<script>alert(1)</script>`',
    '```\n<script>alert(1)</script>\n```',
    '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
    '<object data="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
  ]
  for (const payload of payloads) {
    it(`makes ${JSON.stringify(payload).slice(0, 50)} inert`, async () => {
      for (const { tag, props } of elementsOf(await renderComment(payload))) {
        expect(['p', 'br', 'a', 'em', 'strong', 'code', 'pre']).toContain(tag)
        expect(Object.keys(props).filter((k) => !['href', 'rel'].includes(k))).toEqual([])
        if (props.href !== undefined) expect(String(props.href)).toMatch(/^(https?:|mailto:)/)
      }
    })
  }
})

describe('renderExcerpt', () => {
  it('escapes everything', () => {
    expect(renderExcerpt('<b>x</b> & "y"')).toBe('<p>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</p>')
  })
})
