import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, db } from '@/lib/db'
import { getAllSettings } from '@/lib/settings/queries'
import { linkingTo, publishedPost, startLocalWeb, type LocalWeb } from '@/lib/test/web'
import { receiveMention } from './receive'
import { storeLinkback, type LinkbackRecord } from './store'

let web: LocalWeb
beforeAll(async () => {
  web = await startLocalWeb()
})
afterAll(() => web.close())

const linkbacks = (postId: string) => db.comment.findMany({ where: { postId }, orderBy: { createdAt: 'asc' } })

describe('receiveMention', () => {
  it('accepts a source that links to the post, into the moderation queue', async () => {
    const { post, url } = await publishedPost('accept')
    web.set('/accept', linkingTo(url, 'Nice words'))
    const outcome = await receiveMention({ kind: 'PINGBACK', source: web.url('/accept'), target: url, ip: '1.2.3.4' })
    expect(outcome).toMatchObject({ ok: true, updated: false })
    const [comment] = await linkbacks(post.id)
    expect(comment).toMatchObject({
      kind: 'PINGBACK',
      sourceUrl: web.url('/accept'),
      sourceTitle: 'Nice words',
      targetUrl: url,
      ip: '1.2.3.4',
    })
    expect(outcome.ok && outcome.commentId).toBe(comment!.id)
    // Held for moderation: nothing public changed, so no cache tag to expire.
    expect(outcome.ok && outcome.status).toBe('PENDING')
    expect(outcome.touched).toEqual([])
  })

  it('refuses a source that does not link, a target that is not a post, and the same source twice', async () => {
    const { post, url } = await publishedPost('refuse')
    web.set('/silent', { body: '<p>No link here.</p>' })
    web.set('/refuse', linkingTo(url))
    const ping = (source: string, target = url) => receiveMention({ kind: 'TRACKBACK', source, target, ip: null })
    expect(await ping(web.url('/silent'))).toMatchObject({ ok: false, code: 'NO_LINK' })
    expect(await ping(web.url('/refuse'), `${url}-missing`)).toMatchObject({ ok: false, code: 'TARGET_MISSING' })
    expect(await ping(web.url('/refuse'), 'https://elsewhere.test/posts/refuse')).toMatchObject({
      ok: false,
      code: 'TARGET_MISSING',
    })
    expect(await ping(web.url('/refuse'))).toMatchObject({ ok: true })
    expect(await ping(web.url('/refuse'))).toMatchObject({ ok: false, code: 'DUPLICATE' })
    expect(await linkbacks(post.id)).toHaveLength(1)
  })

  it('updates a webmention sent again, and takes it down when the source stops linking', async () => {
    const { post, url } = await publishedPost('update')
    web.set('/update', linkingTo(url, 'First title'))
    const send = () => receiveMention({ kind: 'WEBMENTION', source: web.url('/update'), target: url, ip: null })
    expect(await send()).toMatchObject({ ok: true, updated: false })
    web.set('/update', linkingTo(url, 'Second title'))
    const again = await send()
    expect(again).toMatchObject({ ok: true, updated: true })
    expect(again.touched).toEqual([`comments:${post.id}`, `post:update`])
    expect(await linkbacks(post.id)).toMatchObject([{ sourceTitle: 'Second title' }])
    web.set('/update', { body: '<p>Changed my mind.</p>' })
    const gone = await send()
    expect(gone).toMatchObject({ ok: false, code: 'NO_LINK' })
    expect(gone.touched).toHaveLength(2)
    expect(await linkbacks(post.id)).toMatchObject([{ status: 'TRASH' }])
  })

  it('stores one linkback when two pings for the same source arrive at once', async () => {
    const { post, url } = await publishedPost('twice')
    web.set('/twice', linkingTo(url))
    const ping = () => receiveMention({ kind: 'PINGBACK', source: web.url('/twice'), target: url, ip: null })
    // Both pass the early check (nothing stored yet) and fetch the source; the store decides.
    const outcomes = await Promise.all([ping(), ping()])
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.code)).sort()).toEqual(['DUPLICATE', 'ok'])
    expect(await linkbacks(post.id)).toHaveLength(1)
  })

  it('stores one linkback when two connections store the same one at once', async () => {
    const other = createClient(process.env.DATABASE_URL ?? '')
    try {
      const { post, url } = await publishedPost('two-connections')
      const record: LinkbackRecord = {
        kind: 'PINGBACK',
        post,
        authorName: 'Someone',
        authorUrl: null,
        content: 'I liked this post.',
        html: '<p>I liked this post.</p>',
        sourceUrl: web.url('/two-connections'),
        sourceTitle: 'A reply',
        blogName: null,
        targetUrl: url,
        ip: null,
      }
      const settings = await getAllSettings()
      const results = await Promise.all([storeLinkback(record, settings, db), storeLinkback(record, settings, other)])
      expect(results.map((r) => r.stored).sort()).toEqual([false, true])
      expect(await linkbacks(post.id)).toHaveLength(1)
    } finally {
      await other.$disconnect()
    }
  })
})
