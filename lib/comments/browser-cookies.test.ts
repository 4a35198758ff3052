import { describe, expect, it } from 'vitest'
import { cookieValue, hasHeldComments, rememberedCommenter } from './browser-cookies'

describe('the commenter’s cookies, as the browser reads them', () => {
  it('finds one cookie among others and decodes it', () => {
    expect(cookieValue('a=1; daisy_x=h%C3%A9; b=2', 'daisy_x')).toBe('hé')
    expect(cookieValue('a=1', 'daisy_x')).toBeUndefined()
    // A name that only starts the same is another cookie.
    expect(cookieValue('daisy_xy=1', 'daisy_x')).toBeUndefined()
    expect(cookieValue('daisy_x=%E0%A4%A', 'daisy_x')).toBeUndefined()
  })
  it('reads the remembered commenter, and nothing from a broken cookie', () => {
    const saved = encodeURIComponent(JSON.stringify({ name: 'Ann', email: 'ann@example.com', url: '' }))
    expect(rememberedCommenter(`daisy_commenter=${saved}`)).toEqual({ name: 'Ann', email: 'ann@example.com', url: '' })
    expect(rememberedCommenter('daisy_commenter=not-json')).toEqual({})
    expect(rememberedCommenter('')).toEqual({})
  })
  it('says whether this browser has comments awaiting moderation on the post', () => {
    expect(hasHeldComments('daisy_held_posts=p1.p2', 'p2')).toBe(true)
    expect(hasHeldComments('daisy_held_posts=p1.p2', 'p3')).toBe(false)
    expect(hasHeldComments('', 'p1')).toBe(false)
  })
})
