import { describe, expect, it } from 'vitest'
import { sanitizePostHtml } from './html'
import { renderMarkdown } from './markdown'
import { safeSrcset } from './srcset'

// Both ways a post body is stored (imported HTML, Markdown with inline HTML) go through the same sanitizer.
const renderers = [
  ['imported HTML', async (html: string) => sanitizePostHtml(html)],
  ['Markdown', (html: string) => renderMarkdown(html)],
] as const

describe.each(renderers)('URL-bearing attributes (%s)', (_name, render) => {
  it('keeps only the srcset candidates whose URL is http(s) or relative', async () => {
    const html = await render(
      '<img src="/a.jpg" alt="" srcset="javascript:alert(1) 1x, /b.jpg 2x, https://cdn.example/c.jpg 3x">',
    )
    expect(html).toContain('srcset="/b.jpg 2x, https://cdn.example/c.jpg 3x"')
    expect(html).not.toMatch(/javascript/i)
  })

  it('drops srcset when no candidate is left, on img and on picture sources', async () => {
    const html = await render(
      '<picture><source srcset="JAVASCRIPT:alert(1)"><source srcset="data:image/png;base64,AAAA 1x, vbscript:x 2x"><img src="/a.jpg" alt="" srcset="  javascript:alert(1)  "></picture>',
    )
    expect(html).toContain('<picture><source><source><img src="/a.jpg" alt=""></picture>')
  })

  it('does not take a smuggled scheme for a relative URL', async () => {
    const html = await render(
      '<img src="/a.jpg" alt="" srcset="/ok.jpg 1x,\u0001javascript:alert(1) 2x,java&#x09;script:alert(1) 3x">',
    )
    expect(html).toContain('srcset="/ok.jpg 1x"')
  })

  it('checks cite, longdesc, action and itemtype the same way, and never lets poster or xlink:href through', async () => {
    const html = await render(
      '<blockquote cite="javascript:alert(1)">q</blockquote><q cite="https://ok.example/q">k</q><img src="/a.jpg" alt="" longdesc="javascript:alert(1)"><p action="javascript:alert(1)">p</p><div itemscope itemtype="javascript:alert(1)">d</div><video poster="javascript:alert(1)"></video><svg><a xlink:href="javascript:alert(1)">s</a></svg>',
    )
    expect(html).not.toMatch(/javascript|poster|xlink/i)
    expect(html).toContain('<q cite="https://ok.example/q">k</q>')
  })
})

describe('safeSrcset', () => {
  it('parses candidates as browsers do: commas inside URLs, trailing commas, descriptors', () => {
    expect(safeSrcset('https://res.example/w_300,h_200/a.jpg 300w, /b.jpg 600w')).toBe(
      'https://res.example/w_300,h_200/a.jpg 300w, /b.jpg 600w',
    )
    expect(safeSrcset('a.jpg,, javascript:x 2x ,b.jpg 3x')).toBe('a.jpg, b.jpg 3x')
    // A candidate a browser would skip (unknown or repeated descriptors) is dropped too; a comma inside
    // parentheses does not start a new candidate.
    expect(safeSrcset('/a.jpg 1x, /b.jpg future(1, 2) 2x, /c.jpg 2x 3x, /d.jpg 100w, /e.jpg 1.5x')).toBe(
      '/a.jpg 1x, /d.jpg 100w, /e.jpg 1.5x',
    )
    expect(safeSrcset('HTTP://a.example/x.jpg')).toBe('HTTP://a.example/x.jpg')
    expect(safeSrcset(' , ')).toBeUndefined()
    expect(safeSrcset('data:image/gif;base64,R0lGOD 1x')).toBeUndefined()
  })
})
