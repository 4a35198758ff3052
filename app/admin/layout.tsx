import type { Metadata } from 'next'
import { Suspense } from 'react'
import { AdminNav } from '@/components/admin/admin-nav'
import { requireUser } from '@/lib/auth/session'
import '../admin.css'

export const metadata: Metadata = { title: { default: 'Admin', template: '%s · Admin' }, robots: { index: false } }

/** The admin chrome. Each page and action checks the session itself; this only draws the navigation. */
export default function AdminLayout({ children }: LayoutProps<'/admin'>) {
  return (
    <div className="admin">
      <Suspense fallback={<p className="admin-loading">Loading…</p>}>
        <AdminShell>{children}</AdminShell>
      </Suspense>
    </div>
  )
}

async function AdminShell({ children }: { children: React.ReactNode }) {
  const user = await requireUser()
  return (
    <>
      <AdminNav user={user} />
      <main id="content" className="admin-main" tabIndex={-1}>
        {children}
      </main>
    </>
  )
}
