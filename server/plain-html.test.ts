// The rewriter on pages saved from a real build (server/fixtures: home, a post with comments and mentions,
// search results, a tag's page, the archive, and a password-protected post whose body streams).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, type DefaultTreeAdapterMap } from 'parse5'
import { describe, expect, it } from 'vitest'
import { withoutRuntime } from './plain-html.ts'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', `${name}.html`), 'utf8')

type Element = DefaultTreeAdapterMap['element']
function elements(html: string): Element[] {
  const found: Element[] = []
  const stack = [...parse(html).childNodes] as DefaultTreeAdapterMap['node'][]
  while (stack.length) {
    const node = stack.pop()!
    if (!('tagName' in node)) continue
    found.push(node as Element)
    stack.push(...(node as Element).childNodes)
  }
  return found
}
const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value
/** The text and markup of <main>, as a reader sees it. */
const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0]

describe('withoutRuntime', () => {
  it.each(['home', 'post', 'search', 'tag', 'archive'])(
    'takes every framework script out of %s, and nothing else',
    (name) => {
      const html = fixture(name)
      const page = withoutRuntime(html)
      if (!page.ok) throw new Error(page.reason)
      const scripts = elements(page.html).filter((e) => e.tagName === 'script')
      expect(scripts.map((s) => attr(s, 'type'))).toEqual(scripts.map(() => 'application/ld+json'))
      expect(page.html).not.toMatch(/<script[^>]+src=/)
      expect(page.html).not.toMatch(/<link[^>]+as="script"/)
      expect(page.html).not.toContain('self.__next_f')
      expect(page.html).not.toContain('TURBOPACK')
      // The reader's page is the same: the main column byte for byte, the head's styles and links too.
      expect(main(page.html)).toBe(main(html))
      expect(page.html.length).toBeLessThan(html.length * 0.6)
      for (const tag of ['<title>', '<style', 'rel="icon"']) expect(page.html).toContain(tag)
    },
  )

  it('keeps the post page’s comment form, JSON-LD and mentions as HTML', () => {
    const page = withoutRuntime(fixture('post'))
    if (!page.ok) throw new Error(page.reason)
    expect(page.html).toContain('class="stack comment-form"')
    expect(page.html).toContain('name="form_token"')
    expect(page.html).toContain('application/ld+json')
  })

  it('puts what it is given at the end of <head>', () => {
    const page = withoutRuntime(fixture('home'), { add: '<script src="/_daisy/reader.js" defer></script>' })
    if (!page.ok) throw new Error(page.reason)
    expect(page.html).toMatch(/<script src="\/_daisy\/reader\.js" defer><\/script><\/head>/)
  })

  it('refuses a page whose streamed part is still pending (a protected post), rather than break it', () => {
    expect(withoutRuntime(fixture('protected'))).toEqual({ ok: false, reason: 'a Suspense boundary is still pending' })
  })

  it('refuses a script it does not know, inline or from elsewhere', () => {
    const page = (script: string) => `<!doctype html><html><head>${script}</head><body><main>x</main></body></html>`
    expect(withoutRuntime(page('<script>alert(1)</script>'))).toMatchObject({ ok: false })
    expect(withoutRuntime(page('<script src="https://cdn.example/a.js"></script>'))).toMatchObject({ ok: false })
    expect(withoutRuntime(page('<template id="B:0"></template>'))).toMatchObject({ ok: false })
    expect(withoutRuntime(page('<script type="application/ld+json">{}</script>'))).toMatchObject({
      ok: true,
      removed: 0,
    })
  })
})
