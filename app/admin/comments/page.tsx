import type { Metadata } from 'next'
import Link from 'next/link'
import { ResponseList } from '@/components/admin/response-list'
import { requireUser } from '@/lib/auth/session'
import { listResponses } from '@/lib/comments/admin-queries'
import { getSettings } from '@/lib/settings/queries'

export const metadata: Metadata = { title: 'Comments' }

const TABS = [
  { key: 'PENDING', label: 'Pending' },
  { key: 'APPROVED', label: 'Approved' },
  { key: 'SPAM', label: 'Spam' },
  { key: 'TRASH', label: 'Trash' },
] as const

export default async function CommentsPage(props: PageProps<'/admin/comments'>) {
  const user = await requireUser('/admin/comments')
  const search = await props.searchParams
  const raw = String(Array.isArray(search.status) ? search.status[0] : (search.status ?? 'pending')).toUpperCase()
  const status = TABS.find((t) => t.key === raw)?.key ?? 'PENDING'
  const [items, settings] = await Promise.all([listResponses(user, { status, take: 100 }), getSettings()])
  return (
    <>
      <h1>Comments and mentions</h1>
      <nav aria-label="Comments by status">
        <ul className="tabs">
          {TABS.map((t) => (
            <li key={t.key}>
              <Link href={`/admin/comments?status=${t.key.toLowerCase()}`} aria-current={t.key === status ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ResponseList items={items} timezone={settings.timezone} locale={settings.locale} />
    </>
  )
}
