import { Suspense } from 'react'
import { getProtectedBody } from '@/lib/posts/queries'
import { isUnlocked } from '@/lib/posts/protection'
import { PasswordForm } from './password-form'

/**
 * The body (and whatever follows it, such as the comments) of a password-protected post or page. The cached
 * page carries only the password form; the body is rendered per request, for readers whose cookie holds the
 * current password.
 */
export function PasswordGate({ postId, slug, children }: { postId: string; slug: string; children?: React.ReactNode }) {
  return (
    <Suspense fallback={<PasswordForm postId={postId} />}>
      <Unlocked postId={postId} slug={slug}>
        {children}
      </Unlocked>
    </Suspense>
  )
}

async function Unlocked({ postId, slug, children }: { postId: string; slug: string; children?: React.ReactNode }) {
  const body = await getProtectedBody(slug)
  if (!body || body.id !== postId || !(await isUnlocked(postId, body.password))) return <PasswordForm postId={postId} />
  return (
    <>
      <div className="post-body prose" dangerouslySetInnerHTML={{ __html: body.html }} />
      {children}
    </>
  )
}
