import type { Metadata } from 'next'
import Link from 'next/link'
import { Suspense } from 'react'
import { NewPasswordForm } from '@/components/admin/password-link-forms'
import { firstParam } from '@/lib/search-params'
import { getSettings } from '@/lib/settings/queries'
import { setPasswordFromLink } from '@/lib/users/password-actions'
import { checkPasswordLink } from '@/lib/users/password-reset'

// The token is in the address: no Referer carries it to another site.
export const metadata: Metadata = { title: 'Choose a password', robots: { index: false }, referrer: 'no-referrer' }

export default function ResetPasswordPage(props: PageProps<'/login/reset'>) {
  return (
    <main id="content" className="login">
      <Suspense fallback={null}>
        <PasswordLink searchParams={props.searchParams} />
      </Suspense>
    </main>
  )
}

/** Looks at the link without using it (mail scanners open links too); only sending the form uses it. */
async function PasswordLink({ searchParams }: { searchParams: PageProps<'/login/reset'>['searchParams'] }) {
  const token = firstParam((await searchParams).t) ?? ''
  const [link, { siteTitle }] = await Promise.all([checkPasswordLink(token), getSettings()])
  if (!link.ok) {
    return (
      <>
        <h1>This link does not work</h1>
        <p className="notice error" role="alert">
          {link.problem}
        </p>
        <p>
          <Link href="/login/forgot">Ask for a new link</Link> or <Link href="/login">sign in</Link>.
        </p>
      </>
    )
  }
  const invite = link.purpose === 'invite'
  return (
    <>
      <h1>{invite ? `Choose a password for your account on ${siteTitle}` : 'Set a new password'}</h1>
      <p>
        For <strong>{link.email}</strong>.{' '}
        {invite ? 'Then sign in with it.' : 'Every browser signed in to the account is signed out.'}
      </p>
      <NewPasswordForm
        action={setPasswordFromLink.bind(null, token)}
        email={link.email}
        submitLabel={invite ? 'Choose password' : 'Set password'}
      />
    </>
  )
}
