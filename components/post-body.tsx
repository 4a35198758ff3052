import { Suspense } from 'react'
import { getUnlockedBody } from '@/lib/posts/protection'
import { PasswordForm } from './password-form'

interface Props {
  post: { id: string; slug: string; html: string; isProtected: boolean }
  /** What follows the body (tags, comments): behind the password too when there is one. */
  children?: React.ReactNode
}

/**
 * A post's or page's body. A password-protected one is gated: the cached page carries only the password
 * form, and the body is rendered per request for readers whose cookie holds the current password.
 */
export function PostBody({ post, children }: Props) {
  if (!post.isProtected) {
    return (
      <>
        <BodyHtml html={post.html} />
        {children}
      </>
    )
  }
  return (
    <Suspense fallback={<PasswordForm postId={post.id} />}>
      <Unlocked postId={post.id}>{children}</Unlocked>
    </Suspense>
  )
}

async function Unlocked({ postId, children }: { postId: string; children?: React.ReactNode }) {
  const html = await getUnlockedBody(postId)
  if (html === null) return <PasswordForm postId={postId} />
  return (
    <>
      <BodyHtml html={html} />
      {children}
    </>
  )
}

/** Rendered from Markdown (or imported HTML) and sanitized when the post was saved (lib/content). */
function BodyHtml({ html }: { html: string }) {
  return <div className="post-body prose" dangerouslySetInnerHTML={{ __html: html }} />
}
