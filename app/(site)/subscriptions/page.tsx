import type { Metadata } from 'next'
import Link from 'next/link'
import { LinkLanding } from '@/components/link-landing'
import { listSubscriptions, readSubscriberToken, unsubscribeToken } from '@/lib/comments/subscriptions'
import { endAllFromMail, endFromMail } from '@/lib/comments/mail-actions'
import { publicPath } from '@/lib/posts/public-path'
import { firstParam } from '@/lib/search-params'

export const metadata: Metadata = { title: 'Your subscriptions', robots: { index: false }, referrer: 'no-referrer' }

/** Every subscription of one address (the link in each subscription mail): see them, end one or all. */
export default function SubscriptionsPage(props: PageProps<'/subscriptions'>) {
  return (
    <LinkLanding labelledBy="subscriptions-title">
      <Subscriptions searchParams={props.searchParams} />
    </LinkLanding>
  )
}

async function Subscriptions({ searchParams }: Pick<PageProps<'/subscriptions'>, 'searchParams'>) {
  const params = await searchParams
  const token = firstParam(params.t) ?? ''
  const email = readSubscriberToken(token)
  if (!email)
    return (
      <>
        <h1 id="subscriptions-title">Your subscriptions</h1>
        <p className="notice" role="alert">
          This link is not valid. Use the “All your subscriptions” link at the end of any mail about comments.
        </p>
      </>
    )
  const subscriptions = await listSubscriptions(email)
  return (
    <>
      <h1 id="subscriptions-title">Subscriptions of {email}</h1>
      {firstParam(params.ended) && <p role="status">Ended.</p>}
      {subscriptions.length === 0 ? (
        <p>None: no mail about comments goes to this address.</p>
      ) : (
        <>
          <ul className="stack">
            {subscriptions.map((s) => (
              <li key={s.id}>
                {s.commentId ? 'Replies to your comment on ' : 'Every new comment on '}“
                <Link prefetch={false} href={publicPath(s.post)}>
                  {s.post.title}
                </Link>
                ”{s.confirmedAt ? '' : ' (not confirmed: nothing is sent)'}{' '}
                <form action={endFromMail.bind(null, unsubscribeToken(s.id), token)} style={{ display: 'inline' }}>
                  <button type="submit" className="secondary">
                    End<span className="visually-hidden"> mail about “{s.post.title}”</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <form action={endAllFromMail.bind(null, token)}>
            <button type="submit">End them all</button>
          </form>
        </>
      )}
    </>
  )
}
