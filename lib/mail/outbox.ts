// Mail leaves through the job runner, never from a request: queueMail stores the mail and its job in one
// transaction; the 'mail' job sends it through SMTP_URL, retrying with back-off while the server is away. Without
// SMTP_URL the mail stays in the outbox (the admin reads it at /admin/mail) and nothing fails.
import 'server-only'
import { randomUUID } from 'node:crypto'
import { after } from 'next/server'
import { db } from '@/lib/db'
import { deleteWhere, type PruneOptions } from '@/lib/db/prune'
import { defineJobKind } from '@/lib/jobs/runner'
import { getAllSettings, siteUrlOf } from '@/lib/settings/queries'
import { mailConfig } from './config'
import { smtpTransport } from './transport'

export type MailKind = 'comment-held' | 'comment-new' | 'reply' | 'subscribe' | 'password-reset' | 'invitation'

export interface OutgoingMail {
  kind: MailKind
  to: string
  subject: string
  text: string
  html: string
  headers?: Record<string, string>
}

/** Said of a mail kept because no SMTP server is set (the outbox page shows it). */
export const KEPT_IN_OUTBOX = 'Kept in the outbox: SMTP_URL is not set.'

export const mailJobs = defineJobKind<{ mailId: string }>({
  name: 'mail',
  // 1, 4, 16, 64 and 256 minutes: a server away for most of a day still gets the mail.
  maxAttempts: 6,
  retryMinutes: 1,
  batch: 20,
  async handle({ mailId }) {
    const mail = await db.mail.findUnique({ where: { id: mailId } })
    if (!mail) return { ok: true, result: 'The mail was deleted before it was sent.' }
    // Sent by an earlier attempt whose outcome could not be recorded (the job ran again after its lease).
    if (mail.sentAt) return { ok: true, result: `Sent ${mail.sentAt.toISOString()}.` }
    const { smtpUrl, from } = mailConfig()
    if (!smtpUrl) return { ok: true, result: KEPT_IN_OUTBOX }
    const { siteTitle } = await getAllSettings()
    const info = await smtpTransport(smtpUrl).sendMail({
      from: { name: siteTitle, address: from },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      date: new Date(),
      headers: JSON.parse(mail.headers) as Record<string, string>,
    })
    await db.mail.update({ where: { id: mail.id }, data: { sentAt: new Date() } })
    return { ok: true, result: `Sent: ${info.response}`.slice(0, 500) }
  },
})

/** The site as every mail names and links it: its title and public origin (read fresh: mail is written outside pages). */
export async function mailSite(): Promise<{ title: string; url: string }> {
  const settings = await getAllSettings()
  return { title: settings.siteTitle, url: siteUrlOf(settings) }
}

/** Stores the mail and queues its sending (one transaction: both or neither), then wakes the mail job. */
export async function queueMail(mail: OutgoingMail): Promise<{ id: string }> {
  const host = new URL((await mailSite()).url).hostname
  const id = await db.$transaction(async (tx) => {
    const job = await tx.job.create({ data: { kind: mailJobs.name, payload: '{}' }, select: { id: true } })
    const row = await tx.mail.create({
      data: {
        kind: mail.kind,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: JSON.stringify({ 'Auto-Submitted': 'auto-generated', ...mail.headers }),
        messageId: `<${randomUUID()}@${host}>`,
        jobId: job.id,
      },
      select: { id: true },
    })
    await tx.job.update({ where: { id: job.id }, data: { payload: JSON.stringify({ mailId: row.id }) } })
    return row.id
  })
  wakeMail()
  return { id }
}

/** Runs work that writes mail, logging a failure instead of throwing it: the write the mail is about stands. */
export async function writeMail(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    console.error(`daisy: mail about ${what} was not queued:`, error instanceof Error ? error.message : error)
  }
}

/**
 * The same after the response when in a request (the answer neither waits for it nor shows whether it ran),
 * else (a script, a test) now.
 */
export async function writeMailAfterResponse(what: string, work: () => Promise<void>): Promise<void> {
  const run = () => writeMail(what, work)
  try {
    after(run)
  } catch {
    await run()
  }
}

/** Sends what is due, after the response when called in a request (else the minute's tick picks it up). */
export function wakeMail(): void {
  try {
    after(() => mailJobs.run())
  } catch {
    // Outside a request (a script, a test): the caller or the next tick runs the queue.
  }
}

/** Puts a failed or waiting mail back in line to go now (the outbox's "Send again"). */
export async function retryMail(mailId: string): Promise<boolean> {
  const mail = await db.mail.findUnique({ where: { id: mailId }, select: { jobId: true, sentAt: true } })
  if (!mail?.jobId || mail.sentAt) return false
  // Never one that a worker is sending right now: only a failed or waiting job goes back in line.
  const { count } = await db.job.updateMany({
    where: { id: mail.jobId, status: { in: ['FAILED', 'QUEUED'] } },
    data: { status: 'QUEUED', attempts: 0, runAfter: new Date(), lockedUntil: null },
  })
  if (count) wakeMail()
  return count === 1
}

/** How long a mail is kept once it is sent, kept in the outbox or given up on. */
export const MAIL_KEPT_DAYS = 90

/**
 * Housekeeping: mails older than MAIL_KEPT_DAYS whose sending has ended (they hold addresses, and in the
 * outbox the links they carried). One still waiting to go stays, however old.
 */
export function pruneMail(now = new Date(), options?: PruneOptions): Promise<number> {
  const where = {
    createdAt: { lt: new Date(now.getTime() - MAIL_KEPT_DAYS * 24 * 60 * 60_000) },
    OR: [
      { sentAt: { not: null } },
      { job: { is: null } },
      { job: { status: { in: ['DONE' as const, 'FAILED' as const] } } },
    ],
  }
  return deleteWhere(db.mail, where, options)
}
