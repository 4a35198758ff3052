import type { Metadata } from 'next'
import Link from 'next/link'
import { Suspense } from 'react'
import { LoginForm } from '@/components/admin/login-form'
import { getSettings } from '@/lib/settings/queries'

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } }

export default async function LoginPage() {
  const { siteTitle } = await getSettings()
  return (
    <main id="content" className="login">
      <h1>Sign in to {siteTitle}</h1>
      <Suspense fallback={null}>
        <LoginForm />
      </Suspense>
      <p>
        <Link href="/login/forgot">Forgot your password?</Link>
      </p>
    </main>
  )
}
