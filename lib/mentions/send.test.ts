import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { BLOG, publishedPost, startLocalWeb, type LocalWeb } from '@/lib/test/web'
import { processOutgoingPings, queueOutgoingPings } from './send'
import { listOutgoingPings } from './queries'

let web: LocalWeb
beforeAll(async () => {
  web = await startLocalWeb()
})
afterAll(() => web.close())

const due = () => db.job.updateMany({ where: { kind: 'ping' }, data: { runAfter: new Date(Date.now() - 1000) } })

describe('processOutgoingPings (the ping kind of the job runner)', () => {
  it('discovers the Webmention endpoint of each linked page and sends, recording what it answered', async () => {
    web.set('/linked', { headers: { link: `<${web.url('/wm')}>; rel="webmention"` }, body: '<p>hi</p>' })
    web.set('/wm', { status: 202, body: 'Accepted' })
    const html = `<p>See <a href="${web.url('/linked')}">this</a> and <a href="${BLOG}/posts/own">my own</a>.</p>`
    const { post } = await publishedPost('sender', html)
    await db.setting.create({ data: { key: 'siteTitle', value: JSON.stringify('My Blog') } })
    expect(await queueOutgoingPings(post.id)).toBe(1)
    expect(await listOutgoingPings(post.id)).toMatchObject([{ targetUrl: web.url('/linked'), status: 'QUEUED' }])
    expect((await processOutgoingPings()).ran).toBe(1)
    expect(web.posted('/wm')).toEqual([
      new URLSearchParams({ source: `${BLOG}/posts/sender`, target: web.url('/linked') }).toString(),
    ])
    expect(await listOutgoingPings(post.id)).toMatchObject([
      { protocol: 'WEBMENTION', endpoint: web.url('/wm'), status: 'DONE', attempts: 1, response: 'HTTP 202: Accepted' },
    ])
  })

  it('sends a TrackBack with the site title, retries a failing endpoint in 2 minutes, and resends on an update', async () => {
    let answer = 500
    web.set('/tb', () => ({ status: answer, body: '<response><error>0</error></response>' }))
    const { post } = await publishedPost('trackbacker')
    await queueOutgoingPings(post.id, [web.url('/tb')])
    const before = Date.now()
    await processOutgoingPings()
    const [ping] = await listOutgoingPings(post.id)
    expect(ping).toMatchObject({ protocol: 'TRACKBACK', status: 'QUEUED', attempts: 1 })
    const job = await db.job.findUniqueOrThrow({ where: { id: ping!.jobId! } })
    expect(job.runAfter.getTime() - before).toBeGreaterThanOrEqual(2 * 60_000)
    expect(new URLSearchParams(web.posted('/tb')[0]).get('blog_name')).toBe('My Blog')

    answer = 200
    await due()
    await processOutgoingPings()
    expect(await listOutgoingPings(post.id)).toMatchObject([{ status: 'DONE', attempts: 2 }])
    // Saving the post again queues the same ping anew.
    await queueOutgoingPings(post.id, [web.url('/tb')])
    expect(await listOutgoingPings(post.id)).toMatchObject([{ status: 'QUEUED', attempts: 0, jobId: job.id }])
  })

  it('falls back to Pingback, and counts "already registered" as sent', async () => {
    const page = (path: string) => ({ body: `<link rel="pingback" href="${web.url(path)}"><p>hi</p>` })
    web.set('/pb-page', page('/xmlrpc'))
    web.set('/pb-known', page('/xmlrpc-48'))
    web.set('/xmlrpc', { body: '<methodResponse><params><param><value>ok</value></param></params></methodResponse>' })
    web.set('/xmlrpc-48', {
      body: '<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>48</int></value></member></struct></value></fault></methodResponse>',
    })
    const html = `<p><a href="${web.url('/pb-page')}">one</a> <a href="${web.url('/pb-known')}">two</a></p>`
    const { post } = await publishedPost('pingbacker', html)
    await queueOutgoingPings(post.id)
    await processOutgoingPings()
    expect(web.posted('/xmlrpc')[0]).toContain('<methodName>pingback.ping</methodName>')
    expect(await listOutgoingPings(post.id)).toMatchObject([
      { protocol: 'PINGBACK', status: 'DONE', endpoint: web.url('/xmlrpc') },
      { protocol: 'PINGBACK', status: 'DONE', response: 'already registered (fault 48)' },
    ])
  })
})
