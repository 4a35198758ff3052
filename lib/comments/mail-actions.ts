'use server'
// The public forms behind links in mail. Each authorizes itself with the signed or single-use token it carries.
import { z } from 'zod'
import { redirect } from 'next/navigation'
import { expireTags } from '@/lib/cache'
import { moderateWithLink } from './mail-moderation'
import {
  confirmSubscription,
  endAllSubscriptions,
  endSubscription,
  readConfirmToken,
  readSubscriberToken,
  readUnsubscribeToken,
} from './subscriptions'

const token = z.string().max(600)

/** The button on /moderate: approves, spams or trashes the comment the link names. */
export async function moderateFromMail(rawToken: string): Promise<void> {
  const result = await moderateWithLink(token.parse(rawToken))
  if (!result.ok) redirect(`/moderate?t=${encodeURIComponent(rawToken)}`)
  expireTags(result.touched)
  redirect(`/moderate/done?status=${result.status}&path=${encodeURIComponent(result.path)}`)
}

/** The button on /subscriptions/confirm. */
export async function confirmFromMail(rawToken: string): Promise<void> {
  const check = readConfirmToken(token.parse(rawToken))
  const confirmed = check.ok ? await confirmSubscription(check.id) : null
  redirect(confirmed ? '/subscriptions/confirm?done=1' : `/subscriptions/confirm?t=${encodeURIComponent(rawToken)}`)
}

/** A button on /subscriptions (one subscription) or /subscriptions/end. */
export async function endFromMail(rawToken: string, back: string): Promise<void> {
  const id = readUnsubscribeToken(token.parse(rawToken))
  if (id) await endSubscription(id)
  redirect(back === 'end' ? '/subscriptions/end?done=1' : `/subscriptions?t=${encodeURIComponent(back)}&ended=1`)
}

/** "End them all" on /subscriptions. */
export async function endAllFromMail(rawToken: string): Promise<void> {
  const email = readSubscriberToken(token.parse(rawToken))
  if (email) await endAllSubscriptions(email)
  redirect(`/subscriptions?t=${encodeURIComponent(rawToken)}&ended=1`)
}
