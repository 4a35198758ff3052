import type { Metadata } from 'next'
import Link from 'next/link'
import { ForgotPasswordForm } from '@/components/admin/password-link-forms'

export const metadata: Metadata = { title: 'Forgot your password?', robots: { index: false } }

export default function ForgotPasswordPage() {
  return (
    <main id="content" className="login">
      <h1>Forgot your password?</h1>
      <p>Give the address of your account: we mail you a link to set a new password.</p>
      <ForgotPasswordForm />
      <p>
        <Link href="/login">Back to sign in</Link>
      </p>
    </main>
  )
}
