import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireRole } from '@/lib/auth/session'
import { getMail } from '@/lib/mail/queries'
import { getSettings } from '@/lib/settings/queries'
import { formatDateTime } from '@/lib/format'

export const metadata: Metadata = { title: 'Mail' }

/** One mail as it was written: its headers, its text part, and its HTML part drawn in a sandbox. */
export default async function MailItemPage(props: PageProps<'/admin/mail/[id]'>) {
  const { id } = await props.params
  await requireRole('ADMIN', `/admin/mail/${id}`)
  const [mail, settings] = await Promise.all([getMail(id), getSettings()])
  if (!mail) notFound()
  return (
    <>
      <p>
        <Link href="/admin/mail">← Back to the mail</Link>
      </p>
      <h1>{mail.subject}</h1>
      <dl className="stack">
        <div>
          <dt>To</dt>
          <dd>{mail.to}</dd>
        </div>
        <div>
          <dt>Written</dt>
          <dd>{formatDateTime(mail.createdAt, settings)}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            {mail.sentAt ? `Sent ${formatDateTime(mail.sentAt, settings)}` : mail.state}
            {mail.job?.result && ` — ${mail.job.result}`}
          </dd>
        </div>
        <div>
          <dt>Message-ID</dt>
          <dd>
            <code>{mail.messageId}</code>
          </dd>
        </div>
        {Object.entries(mail.headers).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <h2>Text</h2>
      <pre className="mail-text">{mail.text}</pre>
      <h2>HTML</h2>
      {/* The HTML part drawn with no scripts and no access to this page. */}
      <iframe title={`The HTML part of “${mail.subject}”`} sandbox="" srcDoc={mail.html} className="mail-html" />
    </>
  )
}
