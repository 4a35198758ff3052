import type { Metadata } from 'next'
import Link from 'next/link'
import { LinkLanding } from '@/components/link-landing'
import { findSubscription, readConfirmToken } from '@/lib/comments/subscriptions'
import { confirmFromMail } from '@/lib/comments/mail-actions'
import { publicPath } from '@/lib/posts/public-path'
import { firstParam } from '@/lib/search-params'

export const metadata: Metadata = {
  title: 'Confirm your subscription',
  robots: { index: false },
  referrer: 'no-referrer',
}

/** Where the confirmation mail's link lands (double opt-in): the button confirms. */
export default function ConfirmPage(props: PageProps<'/subscriptions/confirm'>) {
  return (
    <LinkLanding labelledBy="confirm-title">
      <Confirm searchParams={props.searchParams} />
    </LinkLanding>
  )
}

async function Confirm({ searchParams }: Pick<PageProps<'/subscriptions/confirm'>, 'searchParams'>) {
  const params = await searchParams
  if (firstParam(params.done))
    return (
      <>
        <h1 id="confirm-title">Subscription confirmed</h1>
        <p role="status">You will get a mail when a new approved comment arrives. Every mail has a link to stop.</p>
      </>
    )
  const token = firstParam(params.t) ?? ''
  const check = readConfirmToken(token)
  const subscription = check.ok ? await findSubscription(check.id) : null
  if (!subscription)
    return (
      <>
        <h1 id="confirm-title">This link does not work</h1>
        <p className="notice" role="alert">
          {!check.ok && check.reason === 'expired'
            ? 'This confirmation link has expired. Tick “Notify me” again with your next comment to get a new one.'
            : 'This confirmation link is not valid, or the subscription was ended.'}
        </p>
      </>
    )
  const what = subscription.commentId ? 'replies to your comment' : 'new comments'
  return (
    <>
      <h1 id="confirm-title">Mail about {what}?</h1>
      <p>
        Confirm that <strong>{subscription.email}</strong> should get a mail about {what} on “
        <Link prefetch={false} href={publicPath(subscription.post)}>
          {subscription.post.title}
        </Link>
        ”.
      </p>
      {subscription.confirmedAt ? (
        <p role="status">This subscription is already confirmed.</p>
      ) : (
        <form action={confirmFromMail.bind(null, token)}>
          <button type="submit">Yes, send me these mails</button>
        </form>
      )}
    </>
  )
}
