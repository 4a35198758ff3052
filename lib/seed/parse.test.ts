import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseSeedPost } from './parse'
import { renderPost } from '../content/markdown'

const read = (name: string) => readFileSync(new URL(`../../prisma/seed-data/${name}`, import.meta.url), 'utf8')

describe('parseSeedPost', () => {
  it('takes the quoted first line as the title and turns the hard-wrapped email into a blockquote', async () => {
    const post = parseSeedPost(read('000_dc165ee5c7723700.txt'))
    expect(post.title).toBe('I know when to give away a few daisies to sell a dozen roses.')
    expect(post.trackbacks).toEqual([])
    const { html } = await renderPost(post.markdown)
    expect(html).toContain('<blockquote>')
    expect(html).toMatch(/<blockquote>[\s\S]*I promise them what <em>I<\/em> will do[\s\S]*<\/blockquote>/)
    expect(html).toContain('<p>Knowledge is more fun when it is shared.</p>')
    expect(html).not.toContain('“I know when')
  })

  it('splits the Twitter mention out of post 2 as a trackback, leaving it out of the body', async () => {
    const post = parseSeedPost(read('004_216aae606c109889.txt'))
    expect(post.title).toBe('It is now all customers, all the time, I think')
    expect(post.trackbacks).toHaveLength(1)
    const [tb] = post.trackbacks
    expect(tb!.excerpt).toMatch(/^\[…\] This post was mentioned on Twitter by Ed Leafe, Rob La Gesse\./)
    expect(tb!.excerpt).toMatch(/– \[…\]$/)
    expect(tb!.blogName).toBe('Twitter')
    expect(tb!.sourceTitle).toBe('Mentioned on Twitter by Ed Leafe, Rob La Gesse')
    expect(post.markdown).not.toContain('mentioned on Twitter')
    const { html } = await renderPost(post.markdown)
    expect(html).not.toContain('<ol')
    expect(html).toContain('I helped build which for the very first time')
    expect(html.trim().endsWith('what I hope I can teach through my experiences.</p>')).toBe(true)
  })

  it('keeps prose that looks like Markdown structure as prose', () => {
    const post = parseSeedPost('Title\n\n1. not a list\n\n# not a heading\n')
    expect(post.markdown).toBe('1\\. not a list\n\n\\# not a heading\n')
  })

  it('rejects an empty file', () => {
    expect(() => parseSeedPost('\n \n')).toThrow(/empty/)
  })
})
