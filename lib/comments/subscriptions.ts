// Commenters who asked to hear about replies (or every new comment on a post) by mail. Double opt-in: nothing
// but the confirmation mail goes to an address until it confirms once; after that, its new subscriptions start
// at once. Links in the mails are signed with the app's secret (lib/signing/), so none needs a session.
import 'server-only'
import { db } from '@/lib/db'
import { openSeal, seal, unseal } from '@/lib/signing'
import { mailSite, queueMail } from '@/lib/mail/outbox'
import { composeMail } from '@/lib/mail/compose'
import { publicPath } from '@/lib/posts/public-path'

export type NotifyScope = 'replies' | 'all'

/** How long a confirmation link works. */
const CONFIRM_DAYS = 7
/** One confirmation mail per address in this long, however many comments ask for one (no mail bombing). */
const CONFIRM_MAIL_GAP_MS = 15 * 60_000

/** The link that ends one subscription (in List-Unsubscribe and the mail's footer): it never expires. */
export const unsubscribeToken = (subscriptionId: string) => seal('unsubscribe', subscriptionId)
export const readUnsubscribeToken = (token: string | null | undefined) => unseal('unsubscribe', token)

/** The link to the page listing an address's subscriptions. */
export const subscriberToken = (email: string) => seal('subscriber', email)
export const readSubscriberToken = (token: string | null | undefined) => unseal('subscriber', token)

export const confirmToken = (subscriptionId: string, now = new Date()) =>
  seal('confirm', subscriptionId, now.getTime() + CONFIRM_DAYS * 86_400_000)

/** The subscription a confirmation link is for, or why it does not work. */
export function readConfirmToken(token: string | null | undefined, now = new Date()) {
  const opened = openSeal('confirm', token)
  if (!opened) return { ok: false as const, reason: 'unknown' as const }
  // Links mailed before seals had ends carry theirs in the value: `<id> <end ms>`.
  const [id, until] = opened.expires === undefined ? opened.value.split(' ') : [opened.value, opened.expires]
  if (!id || !(Number(until) > now.getTime())) return { ok: false as const, reason: 'expired' as const }
  return { ok: true as const, id }
}

export function subscriptionLinks(siteUrl: string, subscriptionId: string, email: string) {
  const end = unsubscribeToken(subscriptionId)
  return {
    /** RFC 8058: a POST of List-Unsubscribe=One-Click to this URL ends it; a GET shows the page that asks. */
    oneClick: `${siteUrl}/api/subscriptions/unsubscribe?t=${end}`,
    page: `${siteUrl}/subscriptions/end?t=${end}`,
    manage: `${siteUrl}/subscriptions?t=${subscriberToken(email)}`,
  }
}

/**
 * A commenter's wish, from the comment form: a subscription to replies to their comment (or to every new comment
 * on the post). Started at once for an address that confirmed before; else a confirmation mail goes out.
 */
export async function subscribe(
  input: { email: string; postId: string; commentId: string; scope: NotifyScope },
  now = new Date(),
): Promise<'active' | 'confirming'> {
  const email = input.email.toLowerCase()
  const commentId = input.scope === 'all' ? null : input.commentId
  const confirmedBefore = !!(await db.subscription.findFirst({
    where: { email, confirmedAt: { not: null } },
    select: { id: true },
  }))
  const existing = await db.subscription.findFirst({
    where: { email, postId: input.postId, commentId },
    select: { id: true, confirmedAt: true },
  })
  const subscription =
    existing ??
    (await db.subscription.create({
      data: { email, postId: input.postId, commentId, confirmedAt: confirmedBefore ? now : null },
      select: { id: true, confirmedAt: true },
    }))
  if (subscription.confirmedAt) return 'active'
  const recent = await db.mail.findFirst({
    where: { to: email, kind: 'subscribe', createdAt: { gt: new Date(now.getTime() - CONFIRM_MAIL_GAP_MS) } },
    select: { id: true },
  })
  if (!recent) await mailConfirmation(subscription.id, email, input.postId, input.scope, now)
  return 'confirming'
}

async function mailConfirmation(id: string, email: string, postId: string, scope: NotifyScope, now: Date) {
  const site = await mailSite()
  const post = await db.post.findUniqueOrThrow({
    where: { id: postId },
    select: { title: true, slug: true, type: true },
  })
  const what = scope === 'all' ? `new comments on “${post.title}”` : `replies to your comment on “${post.title}”`
  await queueMail({
    kind: 'subscribe',
    to: email,
    subject: `[${site.title}] Confirm: mail about ${what}`,
    ...composeMail(
      {
        intro: [
          `Someone — we hope you — asked ${site.title} to send ${email} a mail about ${what}.`,
          'Nothing will be sent until you confirm. If it was not you, ignore this mail: nothing more will come.',
        ],
        details: [`The post: ${site.url}${publicPath(post)}`],
        actions: [
          { label: 'Yes, send me these mails', url: `${site.url}/subscriptions/confirm?t=${confirmToken(id, now)}` },
        ],
        footer: [`The link works for ${CONFIRM_DAYS} days.`],
      },
      site,
    ),
  })
}

/** Confirms the subscription and, since the address is now proven, its other unconfirmed ones. */
export async function confirmSubscription(id: string, now = new Date()): Promise<{ email: string } | null> {
  const subscription = await db.subscription.findUnique({ where: { id }, select: { email: true } })
  if (!subscription) return null
  await db.subscription.updateMany({
    where: { email: subscription.email, confirmedAt: null },
    data: { confirmedAt: now },
  })
  return subscription
}

export async function findSubscription(id: string) {
  return db.subscription.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      confirmedAt: true,
      commentId: true,
      post: { select: { title: true, slug: true, type: true } },
    },
  })
}

/** Ends one subscription; true when there was one to end. */
export async function endSubscription(id: string): Promise<boolean> {
  return (await db.subscription.deleteMany({ where: { id } })).count > 0
}

export async function endAllSubscriptions(email: string): Promise<number> {
  return (await db.subscription.deleteMany({ where: { email } })).count
}

export async function listSubscriptions(email: string) {
  return db.subscription.findMany({
    where: { email },
    orderBy: { createdAt: 'desc' },
    take: 500,
    select: {
      id: true,
      confirmedAt: true,
      commentId: true,
      createdAt: true,
      post: { select: { title: true, slug: true, type: true } },
    },
  })
}
