import type { Metadata } from 'next'
import Link from 'next/link'
import { LinkLanding } from '@/components/link-landing'
import { findSubscription, readUnsubscribeToken, subscriberToken } from '@/lib/comments/subscriptions'
import { endFromMail } from '@/lib/comments/mail-actions'
import { publicPath } from '@/lib/posts/public-path'
import { firstParam } from '@/lib/search-params'

export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false }, referrer: 'no-referrer' }

/** The visible unsubscribe link of a subscription mail: one button, no sign-in. */
export default function EndPage(props: PageProps<'/subscriptions/end'>) {
  return (
    <LinkLanding labelledBy="end-title">
      <End searchParams={props.searchParams} />
    </LinkLanding>
  )
}

async function End({ searchParams }: Pick<PageProps<'/subscriptions/end'>, 'searchParams'>) {
  const params = await searchParams
  if (firstParam(params.done))
    return (
      <>
        <h1 id="end-title">Unsubscribed</h1>
        <p role="status">You will get no more mail about these comments.</p>
      </>
    )
  const token = firstParam(params.t) ?? ''
  const id = readUnsubscribeToken(token)
  const subscription = id ? await findSubscription(id) : null
  if (!subscription)
    return (
      <>
        <h1 id="end-title">Nothing to end</h1>
        <p className="notice" role="alert">
          {id ? 'This subscription has already ended: no more mail will come.' : 'This unsubscribe link is not valid.'}
        </p>
      </>
    )
  return (
    <>
      <h1 id="end-title">Stop these mails?</h1>
      <p>
        <strong>{subscription.email}</strong> gets a mail about{' '}
        {subscription.commentId ? 'replies to a comment' : 'new comments'} on “
        <Link prefetch={false} href={publicPath(subscription.post)}>
          {subscription.post.title}
        </Link>
        ”.
      </p>
      <form action={endFromMail.bind(null, token, 'end')}>
        <button type="submit">Unsubscribe</button>
      </form>
      <p>
        <Link prefetch={false} href={`/subscriptions?t=${subscriberToken(subscription.email)}`}>
          See all the subscriptions of this address
        </Link>
      </p>
    </>
  )
}
