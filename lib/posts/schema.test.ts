import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { postInputSchema } from './schema'

const base = { title: 'Hello', source: 'Body', intent: 'draft' }

describe('postInputSchema', () => {
  it('parses checkboxes, tags and empty optionals', () => {
    const parsed = postInputSchema.parse({
      ...base,
      tags: ' News, rackspace ,news,, Customer  service ',
      commentsOpen: 'on',
    })
    expect(parsed).toMatchObject({
      tags: ['News', 'rackspace', 'news', 'Customer service'],
      commentsOpen: true,
      pingsOpen: false,
      featuredImageId: null,
      slug: '',
    })
  })

  it('names the field of every problem', () => {
    const result = postInputSchema.safeParse({ title: ' ', slug: 'Not A Slug', source: '', intent: 'schedule' })
    expect(result.success).toBe(false)
    const fields = z.flattenError(result.error!).fieldErrors
    expect(fields.title).toEqual(['Give the post a title'])
    expect(fields.slug?.[0]).toMatch(/lowercase letters/)
    expect(fields.publishAt).toEqual(['Pick when to publish'])
    expect(fields.source).toEqual(['Write something before publishing'])
  })

  it('allows an empty draft body but not an empty published one', () => {
    expect(postInputSchema.safeParse({ ...base, source: '' }).success).toBe(true)
    expect(postInputSchema.safeParse({ ...base, source: '  ', intent: 'publish' }).success).toBe(false)
  })

  it('rejects unknown intents and malformed dates', () => {
    expect(postInputSchema.safeParse({ ...base, intent: 'delete' }).success).toBe(false)
    expect(postInputSchema.safeParse({ ...base, intent: 'schedule', publishAt: 'tomorrow' }).success).toBe(false)
    expect(postInputSchema.parse({ ...base, intent: 'schedule', publishAt: '2030-01-02T09:30' }).publishAt).toBe(
      '2030-01-02T09:30',
    )
  })
})
