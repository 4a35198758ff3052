import { describe, expect, it } from 'vitest'
import { countWords, htmlToText, makeExcerpt, renderMarkdown, renderPost } from './markdown'

describe('renderMarkdown', () => {
  it('renders Markdown with GFM tables and strikethrough', async () => {
    const html = await renderMarkdown('# Hi\n\n*em* **strong** ~~gone~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n')
    expect(html).toContain('<h1>Hi</h1>')
    expect(html).toContain('<em>em</em>')
    expect(html).toContain('<del>gone</del>')
    expect(html).toContain('<td>1</td>')
  })

  it('removes scripts, event handlers, javascript: URLs and iframes', async () => {
    const html = await renderMarkdown(
      '<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(1)" alt="x">\n\n[click](javascript:alert(1))\n\n<iframe src="https://evil.example"></iframe>\n\n<a href="https://ok.example" onclick="steal()">ok</a>',
    )
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe/i)
    expect(html).toContain('<img src="x.png" alt="x">')
    expect(html).toContain('<a href="https://ok.example">ok</a>')
  })

  it('keeps inline HTML that is safe, such as figures', async () => {
    const html = await renderMarkdown('<figure><img src="/media/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>')
    expect(html).toContain('<figure><img src="/media/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>')
  })

  it('prefixes user ids so they cannot clobber the page', async () => {
    const html = await renderMarkdown('<p id="main">x</p>')
    expect(html).toContain('id="user-content-main"')
  })
})

describe('renderPost', () => {
  it('derives the excerpt and word count from the text', async () => {
    const post = await renderPost('Hello **world**, this is &amp; that.\n\nSecond para.')
    expect(post.wordCount).toBe(7) // "&" is not a word
    expect(post.excerpt).toBe('Hello world, this is & that. Second para.')
  })

  it('keeps an explicit excerpt', async () => {
    expect((await renderPost('body', ' Given ')).excerpt).toBe('Given')
  })
})

describe('text helpers', () => {
  it('cuts excerpts at a word boundary with an ellipsis', () => {
    expect(makeExcerpt('one two three, four', 3)).toBe('one two three…')
  })
  it('decodes entities and separates blocks', () => {
    expect(htmlToText('<p>a &lt;b&gt; &#8217; &#x2019;</p><p>c</p>')).toBe('a <b> ’ ’\n\nc')
  })
  it('counts only words with letters or digits', () => {
    expect(countWords('a – b — 3 ...')).toBe(3)
  })
})
