import type { Metadata } from 'next'
import Link from 'next/link'
import { LinkLanding } from '@/components/link-landing'
import { readModerationLink } from '@/lib/comments/mail-moderation'
import { moderateFromMail } from '@/lib/comments/mail-actions'
import { firstParam } from '@/lib/search-params'

// The token is in the address: no search engine, and no Referer to the pages linked from here.
export const metadata: Metadata = { title: 'Moderate a comment', robots: { index: false }, referrer: 'no-referrer' }

const VERB = { APPROVED: 'Approve', SPAM: 'Mark as spam', TRASH: 'Move to the trash' } as const

/** Where a moderation link in mail lands: it shows what it would do; the button does it (once). */
export default function ModeratePage(props: PageProps<'/moderate'>) {
  return (
    <LinkLanding labelledBy="moderate-title">
      <ModerateLink searchParams={props.searchParams} />
    </LinkLanding>
  )
}

async function ModerateLink({ searchParams }: Pick<PageProps<'/moderate'>, 'searchParams'>) {
  const token = firstParam((await searchParams).t) ?? ''
  const link = await readModerationLink(token)
  if (!link.ok)
    return (
      <>
        <h1 id="moderate-title">This link does not work</h1>
        <p className="notice" role="alert">
          {link.message}
        </p>
        <p>
          <Link prefetch={false} href="/admin/comments">
            Open the moderation queue
          </Link>{' '}
          (you will be asked to sign in).
        </p>
      </>
    )
  const { comment, status } = link
  return (
    <>
      <h1 id="moderate-title">
        {VERB[status]} this {comment.kind === 'COMMENT' ? 'comment' : comment.kind.toLowerCase()}?
      </h1>
      <p>
        By {comment.authorName} on “{comment.post.title}”, now{' '}
        {comment.status === 'PENDING' ? 'waiting for approval' : comment.status.toLowerCase()}.
      </p>
      <blockquote className="comment-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
      <form action={moderateFromMail.bind(null, token)}>
        <button type="submit">{VERB[status]}</button>
      </form>
      <p className="muted">The link works once. Nothing changes until you press the button.</p>
    </>
  )
}
