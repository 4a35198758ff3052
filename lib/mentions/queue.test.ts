import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { linkingTo, publishedPost, startLocalWeb, type LocalWeb } from '@/lib/test/web'
import { enqueueWebmention, processMentionJobs } from './queue'
import { getWebmentionStatus } from './queries'

let web: LocalWeb
beforeAll(async () => {
  web = await startLocalWeb()
})
afterAll(() => web.close())

describe('processMentionJobs (the webmention kind of the job runner)', () => {
  it('verifies a queued webmention and shows it accepted at its status address', async () => {
    const { post, url } = await publishedPost('queued')
    web.set('/queued', linkingTo(url))
    const job = await enqueueWebmention(web.url('/queued'), url)
    expect(await enqueueWebmention(web.url('/queued'), url)).toEqual(job)
    expect(await getWebmentionStatus(job.id)).toMatchObject({ status: 'queued', waiting: true })
    const report = await processMentionJobs()
    expect(report.ran).toBe(1)
    const status = await getWebmentionStatus(job.id)
    expect(status).toMatchObject({ status: 'accepted', source: web.url('/queued'), target: url, attempts: 1 })
    expect(status?.result).toMatch(/^Accepted: /)
    expect(await db.comment.count({ where: { postId: post.id, kind: 'WEBMENTION' } })).toBe(1)
  })

  it('retries a source that cannot be reached a minute later, and refuses one that does not link', async () => {
    const { url } = await publishedPost('unreachable')
    const closed = await startLocalWeb()
    const source = closed.url('/gone')
    await closed.close()
    const job = await enqueueWebmention(source, url)
    const before = Date.now()
    await processMentionJobs()
    const row = await db.job.findUniqueOrThrow({ where: { id: job.id } })
    expect(row).toMatchObject({ status: 'QUEUED', attempts: 1 })
    expect(row.result).toMatch(/could not be fetched/)
    expect(row.runAfter.getTime() - before).toBeGreaterThanOrEqual(60_000)
    expect(row.runAfter.getTime() - Date.now()).toBeLessThanOrEqual(60_000)

    web.set('/silent', { body: '<p>nothing</p>' })
    const silent = await enqueueWebmention(web.url('/silent'), url)
    await processMentionJobs()
    expect(await getWebmentionStatus(silent.id)).toMatchObject({
      status: 'refused',
      result: 'The source does not link to the target.',
    })
    expect(await getWebmentionStatus('no-such-job')).toBeNull()
  })
})
