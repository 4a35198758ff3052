// Mail about comments, end to end on a real database and a real SMTP server (scripts/lib/mail-catcher.ts):
// what is queued, what arrives (headers, parts, links), what the links do, and what is never sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import type { CurrentUser } from '@/lib/auth/session'
import { mailJobs, KEPT_IN_OUTBOX, queueMail, retryMail } from '@/lib/mail/outbox'
import { listMail } from '@/lib/mail/queries'
import { commentInput, guest, makeApprovedComment, makePost, makeUser, setSettings } from '@/lib/test/fixtures'
import { startMailCatcher } from '../../scripts/lib/mail-catcher.ts'
import { postComment } from './post'
import { moderateWithLink, readModerationLink } from './mail-moderation'
import { confirmSubscription, endSubscription, readConfirmToken, readUnsubscribeToken } from './subscriptions'
import { setStatus } from './status'
import { storeLinkback } from '@/lib/mentions/store'
import { getAllSettings } from '@/lib/settings/queries'

type Catcher = Awaited<ReturnType<typeof startMailCatcher>>
let catcher: Catcher
let author: CurrentUser

beforeAll(async () => {
  catcher = await startMailCatcher()
  process.env.SMTP_URL = catcher.url
  process.env.MAIL_FROM = 'blog@daisy.example'
  await setSettings({ siteTitle: 'Field Notes' })
  author = await makeUser()
})

afterAll(async () => {
  delete process.env.SMTP_URL
  await catcher.stop()
})

beforeEach(async () => {
  await catcher.start()
})

/** Sends what is queued, as the job runner does after a response. */
const deliver = () => mailJobs.run()

const linkAfter = (text: string, label: string) => {
  const lines = text.split('\n')
  const at = lines.findIndex((line) => line.trim() === `${label}:`)
  if (at < 0) throw new Error(`no ${label} link in:\n${text}`)
  return lines[at + 1]!.trim()
}
const tokenOf = (url: string) => new URL(url).searchParams.get('t')!

async function heldComment(postId: string, fields: Record<string, string> = {}) {
  const result = await postComment(postId, commentInput(fields), guest(postId))
  if (result.kind !== 'stored') throw new Error(JSON.stringify(result))
  return result
}

describe('sending', () => {
  it('sends both parts with the site’s name in From, its own Message-ID and Date, and marks the mail sent', async () => {
    const { id } = await queueMail({
      kind: 'reply',
      to: 'one@example.org',
      subject: 'Hello ✓',
      text: 'Plain',
      html: '<p>Rich</p>',
    })
    await deliver()
    const [mail] = catcher.to('one@example.org')
    const row = await db.mail.findUniqueOrThrow({ where: { id }, include: { job: true } })
    expect(mail).toMatchObject({ subject: 'Hello ✓', from: '"Field Notes" <blog@daisy.example>', text: 'Plain' })
    expect(mail!.html).toContain('<p>Rich</p>')
    expect(mail!.messageId).toBe(row.messageId)
    expect(row.messageId).toMatch(/^<[\w-]+@localhost>$/)
    expect(Math.abs(Date.parse(mail!.date!) - Date.now())).toBeLessThan(60_000)
    expect(mail!.headers['auto-submitted']).toBe('auto-generated')
    expect(row.sentAt).not.toBeNull()
    expect(row.job).toMatchObject({ status: 'DONE', attempts: 1 })
    expect(row.job!.result).toMatch(/^Sent: 250/)
  })

  it('never sends a mail twice: a job run again after its lease finds the mail already sent', async () => {
    const { id } = await queueMail({ kind: 'reply', to: 'twice@example.org', subject: 'Once', text: 'x', html: 'x' })
    await deliver()
    const { jobId } = await db.mail.findUniqueOrThrow({ where: { id } })
    // As if the worker had crashed before recording the outcome: the job is back in the queue.
    await db.job.update({ where: { id: jobId! }, data: { status: 'QUEUED', runAfter: new Date(Date.now() - 1000) } })
    await deliver()
    expect(catcher.to('twice@example.org')).toHaveLength(1)
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId! } })).toMatchObject({ status: 'DONE' })
  })

  it('keeps mail in the outbox when no SMTP server is set, and nothing fails', async () => {
    delete process.env.SMTP_URL
    try {
      const { id } = await queueMail({ kind: 'reply', to: 'kept@example.org', subject: 'Kept', text: 'x', html: 'x' })
      await deliver()
      const row = await db.mail.findUniqueOrThrow({ where: { id }, include: { job: true } })
      expect(row.job).toMatchObject({ status: 'DONE', result: KEPT_IN_OUTBOX })
      expect(row.sentAt).toBeNull()
      expect((await listMail()).find((m) => m.id === id)?.state).toBe('kept')
      expect(catcher.to('kept@example.org')).toEqual([])
    } finally {
      process.env.SMTP_URL = catcher.url
    }
  })

  it('with the SMTP server down: the comment is stored, the mail waits with its error, and goes once it is back', async () => {
    await catcher.stop()
    const post = await makePost(author.id)
    const comment = await heldComment(post.id, { content: 'Posted while the mail server was away.' })
    expect(comment.status).toBe('PENDING')
    await deliver()
    const waiting = (await listMail()).find((m) => m.to === author.email && m.subject.includes(`Post `))!
    expect(waiting.state).toBe('waiting')
    expect(waiting.job).toMatchObject({ status: 'QUEUED', attempts: 1 })
    expect(waiting.job!.result).toMatch(/ECONNREFUSED|connect/i)
    // The next try is a minute away.
    expect(waiting.job!.runAfter.getTime()).toBeGreaterThan(Date.now() + 50_000)
    await catcher.start()
    expect(await retryMail(waiting.id)).toBe(true)
    await deliver()
    expect(
      catcher
        .to(author.email)
        .map((m) => m.text)
        .join(),
    ).toContain('Posted while the mail server was away.')
    expect((await listMail()).find((m) => m.id === waiting.id)?.state).toBe('sent')
  })
})

describe('the post’s author hears about responses', () => {
  it('a held comment: the text, who wrote it, why it was held, and approve / spam / trash links', async () => {
    const post = await makePost(author.id)
    const comment = await heldComment(post.id, { name: 'Ada', email: 'ada@example.org', content: 'First!' })
    await deliver()
    const mail = catcher.to(author.email).find((m) => m.text.includes('First!'))!
    expect(mail.subject).toMatch(/^\[Field Notes\] Please moderate: “Post \d+”$/)
    expect(mail.text).toContain('Ada <ada@example.org>')
    expect(mail.text).toContain('Held because: First comment from this email address')
    expect(mail.html).toContain('First!')
    for (const label of ['Approve', 'Spam', 'Trash']) expect(linkAfter(mail.text, label)).toMatch(/\/moderate\?t=/)
    const approve = tokenOf(linkAfter(mail.text, 'Approve'))

    // Opening the link changes nothing; the button (moderateWithLink) approves, once.
    expect(await readModerationLink(approve)).toMatchObject({ ok: true, status: 'APPROVED' })
    expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe('PENDING')
    expect(await moderateWithLink(approve)).toMatchObject({ ok: true, status: 'APPROVED', path: `/posts/${post.slug}` })
    expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe('APPROVED')
    expect(await moderateWithLink(approve)).toEqual({
      ok: false,
      message: 'This moderation link has already been used. Each link works once.',
    })
    // Another link from the same mail still works, once.
    expect(await moderateWithLink(tokenOf(linkAfter(mail.text, 'Trash')))).toMatchObject({ ok: true, status: 'TRASH' })
  })

  it('refuses a moderation link after 7 days, and one whose user may no longer moderate the post', async () => {
    const post = await makePost(author.id)
    await heldComment(post.id, { content: 'Old news.' })
    await deliver()
    const mail = catcher.to(author.email).find((m) => m.text.includes('Old news.'))!
    const later = new Date(Date.now() + 7 * 86_400_000 + 60_000)
    expect(await moderateWithLink(tokenOf(linkAfter(mail.text, 'Approve')), later)).toEqual({
      ok: false,
      message: 'This moderation link has expired.',
    })
    await db.post.update({ where: { id: post.id }, data: { authorId: (await makeUser()).id } })
    expect(await moderateWithLink(tokenOf(linkAfter(mail.text, 'Spam')))).toMatchObject({ ok: false })
    expect(await moderateWithLink('not-a-token')).toMatchObject({ ok: false })
  })

  it('a new approved comment is announced with spam and trash links; switches off mean no mail', async () => {
    const post = await makePost(author.id)
    await makeApprovedComment(post.id, { name: 'Reader', email: 'regular@example.org', text: 'x' })
    await heldComment(post.id, { email: 'regular@example.org', content: 'Back again.' })
    await deliver()
    const mail = catcher.to(author.email).find((m) => m.text.includes('Back again.'))!
    expect(mail.subject).toMatch(/^\[Field Notes\] New comment: “Post \d+”$/)
    expect(() => linkAfter(mail.text, 'Approve')).toThrow()
    expect(linkAfter(mail.text, 'Spam')).toMatch(/\/moderate\?t=/)

    await db.user.update({ where: { id: author.id }, data: { notifyHeld: false, notifyApproved: false } })
    try {
      await heldComment(post.id, { email: 'regular@example.org', content: 'Quietly approved.' })
      await heldComment(post.id, { content: 'Quietly held.' })
      await deliver()
      expect(catcher.to(author.email).filter((m) => /Quietly/.test(m.text))).toEqual([])
    } finally {
      await db.user.update({ where: { id: author.id }, data: { notifyHeld: true, notifyApproved: true } })
    }
  })

  it('a new pingback held for moderation is announced with its linking page', async () => {
    const post = await makePost(author.id)
    const record = {
      kind: 'PINGBACK' as const,
      post,
      authorName: 'Other Blog',
      authorUrl: 'https://other.example/',
      content: 'They wrote about this post.',
      html: '<p>They wrote about this post.</p>',
      sourceUrl: `https://other.example/${post.slug}`,
      sourceTitle: 'A reply elsewhere',
      blogName: 'Other Blog',
      targetUrl: `http://localhost/posts/${post.slug}`,
      ip: '198.51.100.7',
    }
    await storeLinkback(record, await getAllSettings())
    await deliver()
    const mails = catcher.to(author.email).filter((m) => m.text.includes(record.sourceUrl))
    expect(mails.map((m) => m.subject)).toEqual([
      `[Field Notes] Please moderate: “${(await db.post.findUniqueOrThrow({ where: { id: post.id } })).title}”`,
    ])
    expect(mails[0]!.text).toContain('A new pingback on')
    expect(mails[0]!.text).toContain(`Linking page: ${record.sourceUrl}`)
  })

  it('spam is never announced', async () => {
    await setSettings({ blocklist: 'casino' })
    try {
      const post = await makePost(author.id)
      expect((await heldComment(post.id, { content: 'Best casino here' })).status).toBe('SPAM')
      await deliver()
      expect(catcher.to(author.email).filter((m) => m.text.includes('Best casino'))).toEqual([])
    } finally {
      await setSettings({ blocklist: '' })
    }
  })
})

describe('commenters hear about replies, after confirming', () => {
  it('double opt-in, a mail per approved reply with List-Unsubscribe (RFC 8058), and none after unsubscribing', async () => {
    const post = await makePost(author.id)
    const email = 'curious@example.org'
    const parent = await heldComment(post.id, { email, content: 'Will anyone answer?', notify: 'on' })
    expect(parent.subscription).toBe('confirming')
    await setStatus([{ ...parent, postId: post.id, status: 'PENDING', post }], 'APPROVED', 'by a test')
    await deliver()
    const [confirm, ...others] = catcher.to(email)
    expect(others).toEqual([])
    expect(confirm!.subject).toMatch(/^\[Field Notes\] Confirm: mail about replies to your comment on “Post \d+”$/)

    // Before confirming: an approved reply sends nothing.
    const early = await heldComment(post.id, { parentId: parent.id, content: 'An early reply.' })
    await setStatus([{ ...early, postId: post.id, status: 'PENDING', post }], 'APPROVED', 'by a test')
    await deliver()
    expect(catcher.to(email)).toHaveLength(1)

    const check = readConfirmToken(tokenOf(linkAfter(confirm!.text, 'Yes, send me these mails')))
    expect(check.ok).toBe(true)
    await confirmSubscription((check as { id: string }).id)

    // A pending reply sends nothing; approving it sends one mail, approving again sends no second.
    const reply = await heldComment(post.id, { parentId: parent.id, name: 'Bea', content: 'Here is an answer.' })
    await deliver()
    expect(catcher.to(email)).toHaveLength(1)
    const pending = { ...reply, postId: post.id, status: 'PENDING', post }
    await setStatus([pending], 'APPROVED', 'by a test')
    await setStatus([pending], 'APPROVED', 'by a test')
    await deliver()
    const mails = catcher.to(email)
    expect(mails).toHaveLength(2)
    const mail = mails[1]!
    expect(mail.subject).toMatch(/^\[Field Notes\] Bea replied to your comment on “Post \d+”$/)
    expect(mail.text).toContain('Here is an answer.')
    expect(linkAfter(mail.text, 'Read the reply')).toMatch(new RegExp(`/posts/${post.slug}#comment-${reply.id}$`))
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
    const oneClick = mail.headers['list-unsubscribe']!.match(/^<(.+)>$/)![1]!
    expect(oneClick).toMatch(/^http:\/\/localhost(:\d+)?\/api\/subscriptions\/unsubscribe\?t=/)
    expect(mail.text).toMatch(/Unsubscribe: http:\/\/\S+\/subscriptions\/end\?t=/)
    expect(mail.html).toContain('Unsubscribe</a>')

    const subscriptionId = readUnsubscribeToken(tokenOf(oneClick))!
    expect(await endSubscription(subscriptionId)).toBe(true)
    const after = await heldComment(post.id, { parentId: parent.id, content: 'Nobody hears this.' })
    await setStatus([{ ...after, postId: post.id, status: 'PENDING', post }], 'APPROVED', 'by a test')
    await deliver()
    expect(catcher.to(email)).toHaveLength(2)
  })

  it('an address that confirmed before starts at once; “every comment” subscribers hear of each, never their own', async () => {
    const post = await makePost(author.id)
    const email = 'follower@example.org'
    await db.subscription.create({ data: { email, postId: (await makePost(author.id)).id, confirmedAt: new Date() } })
    const mine = await heldComment(post.id, { email, content: 'Following along.', notifyAll: 'on' })
    expect(mine.subscription).toBe('active')
    await setStatus([{ ...mine, postId: post.id, status: 'PENDING', post }], 'APPROVED', 'by a test')
    const other = await heldComment(post.id, { name: 'Cy', content: 'Someone else writes.' })
    await setStatus([{ ...other, postId: post.id, status: 'PENDING', post }], 'APPROVED', 'by a test')
    await deliver()
    const mails = catcher.to(email)
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^\[Field Notes\] New comment on “Post \d+”$/)])
    expect(mails[0]!.text).toContain('Someone else writes.')
  })

  it('a spam comment asking for mail gets no confirmation mail', async () => {
    await setSettings({ blocklist: 'casino' })
    try {
      const post = await makePost(author.id)
      await heldComment(post.id, { email: 'victim@example.org', content: 'casino', notify: 'on' })
      await deliver()
      expect(catcher.to('victim@example.org')).toEqual([])
      expect(await db.subscription.count({ where: { email: 'victim@example.org' } })).toBe(0)
    } finally {
      await setSettings({ blocklist: '' })
    }
  })
})
