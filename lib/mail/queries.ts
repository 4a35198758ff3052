// The outbox as the admin reads it: every mail with where its sending stands (from its job).
import 'server-only'
import { db } from '@/lib/db'
import { KEPT_IN_OUTBOX } from './outbox'

export type MailState = 'sent' | 'kept' | 'waiting' | 'failed'

const select = {
  id: true,
  kind: true,
  to: true,
  subject: true,
  sentAt: true,
  createdAt: true,
  job: { select: { status: true, attempts: true, runAfter: true, result: true } },
} as const

function stateOf(mail: { sentAt: Date | null; job: { status: string; result: string | null } | null }): MailState {
  if (mail.sentAt) return 'sent'
  if (mail.job?.status === 'FAILED') return 'failed'
  if (mail.job?.status === 'DONE') return mail.job.result === KEPT_IN_OUTBOX ? 'kept' : 'sent'
  return 'waiting'
}

export async function listMail({ take = 100, failedOnly = false }: { take?: number; failedOnly?: boolean } = {}) {
  const rows = await db.mail.findMany({
    where: failedOnly ? { job: { status: 'FAILED' } } : {},
    orderBy: { createdAt: 'desc' },
    take,
    select,
  })
  return rows.map((row) => ({ ...row, state: stateOf(row) }))
}

export async function countMail() {
  const [failed, waiting] = await Promise.all([
    db.mail.count({ where: { job: { status: 'FAILED' } } }),
    db.mail.count({ where: { sentAt: null, job: { status: { in: ['QUEUED', 'RUNNING'] } } } }),
  ])
  return { failed, waiting }
}

export async function getMail(id: string) {
  const mail = await db.mail.findUnique({
    where: { id },
    select: { ...select, text: true, html: true, headers: true, messageId: true },
  })
  return mail && { ...mail, state: stateOf(mail), headers: JSON.parse(mail.headers) as Record<string, string> }
}
