import type { Metadata } from 'next'
import Link from 'next/link'
import { AdminTable } from '@/components/admin/admin-table'
import { requireRole } from '@/lib/auth/session'
import { describeSmtp, mailConfig } from '@/lib/mail/config'
import { countMail, listMail } from '@/lib/mail/queries'
import { sendAgain } from '@/lib/mail/actions'
import { getSettings } from '@/lib/settings/queries'
import { formatDateTime } from '@/lib/format'

export const metadata: Metadata = { title: 'Mail' }

const STATE = { sent: 'Sent', kept: 'Kept here', waiting: 'Waiting', failed: 'Failed' } as const

/** The outbox: every mail Daisy wrote, whether it went out, and why not. */
export default async function MailPage(props: PageProps<'/admin/mail'>) {
  await requireRole('ADMIN', '/admin/mail')
  const failedOnly = (await props.searchParams).show === 'failed'
  const [mails, counts, settings] = await Promise.all([listMail({ failedOnly }), countMail(), getSettings()])
  const { smtpUrl, from } = mailConfig()
  const server = describeSmtp(smtpUrl)
  const when = (date: Date) => formatDateTime(date, settings)
  return (
    <>
      <h1>Mail</h1>
      {server ? (
        <p>
          Mail goes out through <code>{server}</code> from <code>{from}</code>. A send that fails is tried again after
          1, 4, 16, 64 and 256 minutes.
        </p>
      ) : (
        <p className="notice">
          No mail server is set (<code>SMTP_URL</code>), so mail is kept here and nothing is sent. See the README to set
          one.
        </p>
      )}
      <p className="filters">
        <Link href="/admin/mail" aria-current={failedOnly ? undefined : 'page'}>
          All
        </Link>{' '}
        <Link href="/admin/mail?show=failed" aria-current={failedOnly ? 'page' : undefined}>
          Failed ({counts.failed})
        </Link>{' '}
        <span className="muted">{counts.waiting} waiting</span>
      </p>
      {mails.length === 0 ? (
        <p>No mail {failedOnly ? 'failed' : 'yet'}.</p>
      ) : (
        <AdminTable columns={['Mail', 'State']}>
          {mails.map((mail) => (
            <tr key={mail.id}>
              <td>
                <Link href={`/admin/mail/${mail.id}`}>{mail.subject}</Link>
                <br />
                <span className="muted">
                  To {mail.to} · {when(mail.createdAt)}
                </span>
              </td>
              <td>
                <span className={`badge mail-${mail.state}`}>{STATE[mail.state]}</span>
                {mail.state === 'waiting' && mail.job && mail.job.attempts > 0 && (
                  <span className="muted">
                    {' '}
                    after {mail.job.attempts} tries; next at {when(mail.job.runAfter)}
                  </span>
                )}
                {(mail.state === 'failed' || (mail.state === 'waiting' && mail.job?.attempts)) && (
                  <>
                    <br />
                    <span className="muted">{mail.job?.result}</span>
                    <form action={sendAgain.bind(null, mail.id)}>
                      <button type="submit" className="secondary">
                        Send again<span className="visually-hidden"> to {mail.to}</span>
                      </button>
                    </form>
                  </>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </>
  )
}
