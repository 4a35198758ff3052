// A post as the fediverse receives it, in both forms the author can choose (Settings).
import { describe, expect, it } from 'vitest'
import { federation } from './federation'
import { createOf, postFormOf, postObjectOf, type PostObject } from './article'

const ctx = federation('https://blog.example').createContext(new URL('https://blog.example'), undefined)
const post: PostObject = {
  id: 'p1',
  slug: 'trust',
  authorId: 'u1',
  title: 'What trust <costs>',
  html: '<p>Customers <strong>remember</strong>.</p>',
  excerpt: 'Customers remember.',
  password: null,
  pingsOpen: true,
  publishedAt: new Date('2026-01-02T03:04:05Z'),
  updatedAt: new Date('2026-01-03T00:00:00Z'),
  featuredImage: { path: 'a/b.jpg', alt: 'A desk', mimeType: 'image/jpeg', width: 1200, height: 800 },
  tags: [{ slug: 'customer-service', name: 'Customer service' }],
}

describe('a post on the fediverse', () => {
  it('is an Article at the post’s address: title, summary, body, image, hashtags linking to tag pages', async () => {
    const json = (await postObjectOf(ctx, post, { type: 'Article', quotes: 'automatic' }).toJsonLd({
      format: 'compact',
    })) as Record<string, unknown>
    expect(json).toMatchObject({
      id: 'https://blog.example/posts/trust',
      type: 'Article',
      url: 'https://blog.example/posts/trust',
      attributedTo: 'https://blog.example/fediverse/blog',
      name: 'What trust <costs>',
      summary: '<p>Customers remember.</p>',
      content: '<p>Customers <strong>remember</strong>.</p>',
      published: '2026-01-02T03:04:05Z',
      updated: '2026-01-03T00:00:00Z',
      tag: { type: 'Hashtag', name: '#CustomerService', href: 'https://blog.example/tags/customer-service' },
    })
    expect(json.image).toMatchObject({ url: 'https://blog.example/media/a/b.jpg', name: 'A desk' })
  })

  it('as a Note carries the title, the whole post and its link, and no summary (Mastodon would hide it behind it)', async () => {
    const json = (await postObjectOf(ctx, post, { type: 'Note', quotes: 'manual' }).toJsonLd({
      format: 'compact',
    })) as Record<string, unknown>
    expect(json).toMatchObject({ id: 'https://blog.example/posts/trust', type: 'Note' })
    expect(json.summary).toBeUndefined()
    expect(json.content).toBe(
      '<p><strong>What trust &lt;costs&gt;</strong></p><p>Customers <strong>remember</strong>.</p>' +
        '<p><a href="https://blog.example/posts/trust">https://blog.example/posts/trust</a></p>',
    )
  })

  it('says who may quote it: anyone, approved at once, or waiting for the author when responses are held', async () => {
    const policyOf = async (quotes: 'automatic' | 'manual') =>
      (
        (await postObjectOf(ctx, post, { type: 'Article', quotes }).toJsonLd({ format: 'compact' })) as Record<
          string,
          { canQuote: Record<string, unknown> }
        >
      ).interactionPolicy!.canQuote
    expect(await policyOf('automatic')).toEqual({ automaticApproval: 'as:Public' })
    expect(await policyOf('manual')).toEqual({ manualApproval: 'as:Public' })
    // A protected post, or one with pings off, refuses quotes: only the blog may quote it.
    for (const closed of [{ password: 'protected' }, { pingsOpen: false }]) {
      const json = (await postObjectOf(ctx, { ...post, ...closed }, { type: 'Article', quotes: 'automatic' }).toJsonLd({
        format: 'compact',
      })) as { interactionPolicy: { canQuote: unknown } }
      expect(json.interactionPolicy.canQuote).toEqual({ automaticApproval: 'https://blog.example/fediverse/blog' })
    }
    expect(postFormOf({ fediverseObjectType: 'Note', moderateAll: false, holdFirstTimeCommenters: false })).toEqual({
      type: 'Note',
      quotes: 'automatic',
    })
    expect(
      postFormOf({ fediverseObjectType: 'Article', moderateAll: false, holdFirstTimeCommenters: true }).quotes,
    ).toBe('manual')
  })

  it('keeps a protected post’s body off the fediverse', async () => {
    const json = (await createOf(ctx, { ...post, password: 'secret' }).toJsonLd({ format: 'compact' })) as {
      object: { content: string }
    }
    expect(json.object.content).toBe('<p>Customers remember.</p>')
  })
})
