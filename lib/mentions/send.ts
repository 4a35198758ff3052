// Telling other sites we linked to them: every link of a published post (and each TrackBack URL the author
// typed) gets an OutgoingPing row, the record the editor shows, and a job the runner (lib/jobs/) sends in the
// background, retried in 2, 8, 32 minutes.
import 'server-only'
import { db } from '@/lib/db'
import { FetchError } from '@/lib/http/fetch'
import { defineJobKind } from '@/lib/jobs/runner'
import { getAllSettings, siteUrlOf } from '@/lib/settings/queries'
import { extractLinks } from './discover'
import { sendOne, type Attempt } from './deliver'
import { normalizeUrl } from './verify'
import { XmlRpcFault } from './xmlrpc'

export const pingJobs = defineJobKind<{ pingId: string }>({
  name: 'ping',
  maxAttempts: 4,
  retryMinutes: 2,
  batch: 20,
  async handle({ pingId }) {
    const ping = await db.outgoingPing.findUnique({
      where: { id: pingId },
      include: { post: { select: { slug: true, title: true, excerpt: true } } },
    })
    if (!ping) return { ok: true, result: 'The post was deleted: nothing to send.' }
    const settings = await getAllSettings()
    const source = `${siteUrlOf(settings)}/posts/${ping.post.slug}`
    let attempt: Attempt
    try {
      if (normalizeUrl(ping.targetUrl) === null) throw new FetchError('not an http(s) URL', 'BAD_URL')
      attempt = await sendOne(ping, source, ping.post, settings.siteTitle)
    } catch (error) {
      const transient =
        error instanceof FetchError
          ? ['TIMEOUT', 'NETWORK', 'RATE_LIMITED', 'DNS'].includes(error.code)
          : !(error instanceof XmlRpcFault)
      attempt = { ok: false, retry: transient, response: error instanceof Error ? error.message : 'failed' }
    }
    const response = attempt.response.slice(0, 1000)
    await db.outgoingPing.update({
      where: { id: ping.id },
      data: { protocol: attempt.protocol ?? ping.protocol, endpoint: attempt.endpoint ?? ping.endpoint, response },
    })
    return attempt.ok ? { ok: true, result: response } : { ok: false, retry: attempt.retry, result: response }
  },
})

/** Queues a ping for every outgoing link of a live post (and each TrackBack URL the author typed). */
export async function queueOutgoingPings(postId: string, trackbackUrls: string[] = []) {
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { slug: true, html: true, status: true, publishedAt: true, deletedAt: true },
  })
  if (!post || post.deletedAt || post.status === 'DRAFT' || !post.publishedAt) return 0
  // A scheduled post pings when it goes live.
  const runAfter = post.publishedAt > new Date() ? post.publishedAt : new Date()
  const site = siteUrlOf(await getAllSettings())
  const own = new URL(site).host
  const links = extractLinks(post.html, `${site}/posts/${post.slug}`).filter((l) => new URL(l).host !== own)
  const pings = [
    ...links.map((targetUrl) => ({ targetUrl, protocol: null, endpoint: undefined })),
    ...trackbackUrls.map((endpoint) => ({ targetUrl: endpoint, protocol: 'TRACKBACK', endpoint })),
  ]
  for (const { targetUrl, protocol, endpoint } of pings) {
    const ping = await db.outgoingPing.upsert({
      where: { postId_targetUrl: { postId, targetUrl } },
      // An update of the post pings again (the Webmention spec asks senders to resend on updates).
      update: { protocol, endpoint },
      create: { postId, targetUrl, protocol, endpoint },
      select: { id: true, jobId: true },
    })
    if (ping.jobId) await pingJobs.requeue(ping.jobId, runAfter)
    else {
      const job = await pingJobs.enqueue({ pingId: ping.id }, { runAfter })
      await db.outgoingPing.update({ where: { id: ping.id }, data: { jobId: job.id } })
    }
  }
  return pings.length
}

/** Sends the pings that are due (one pass); returns how many ran. */
export function processOutgoingPings() {
  return pingJobs.run()
}
