// Quotes that ask first (FEP-044f, as Mastodon 4.5 sends them): a server whose user quotes one of the blog's posts
// sends a QuoteRequest carrying the quoting note; the blog answers with an Accept whose `result` is a
// QuoteAuthorization it serves (servers showing the quote fetch it to check the quote was allowed), or a Reject.
// The quote is a response under the post like any other (a mention "… quoted this post"), judged by the comment
// rules: approved at once, it is accepted at once; held, it is answered when the author moderates it; an approved
// quote taken down later has its authorization deleted (Mastodon then shows the quote as removed).
import 'server-only'
import type { Context, InboxContext } from '@fedify/fedify'
import {
  Accept,
  Article,
  Delete,
  Note,
  QuoteAuthorization,
  Reject,
  isActor,
  type Actor,
  type QuoteRequest,
} from '@fedify/vocab'
import { after } from 'next/server'
import { db } from '@/lib/db'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import type { Status } from '@/lib/comments/status'
import { BLOG_ACTOR } from './paths'
import { postAt, sameOrigin, senderOf, takeNote } from './inbox'

export async function onQuoteRequest(ctx: InboxContext<void>, request: QuoteRequest): Promise<void> {
  if (!request.id || !sameOrigin(request.actorId, request.id)) return
  const from = await senderOf(ctx, request)
  if (!from) return
  // The quoting note, as sent (its own server's, like the request) or fetched from there (signed); fetched too when
  // what was sent says nothing of a quote (a context without the quote terms loses them).
  const sent = await request.getInstrument(ctx).catch(() => null)
  const note =
    sent?.id && !(sent instanceof Note && (sent.quoteId || sent.quoteUrl))
      ? await ctx.lookupObject(sent.id).catch(() => null)
      : sent
  // Not to be had at all (its server down): no answer, as when the request never came; its server may send it again.
  if (!note) return
  const post = await postAt(ctx, request.objectId)
  const valid =
    post &&
    (note instanceof Note || note instanceof Article) &&
    note.id &&
    note.attributionId?.href === from.actor.id?.href &&
    sameOrigin(from.actor.id, note.id)
  const taken = valid
    ? await takeNote(ctx, note, from.account, { quoteRequest: { id: request.id.href, postId: post.id } })
    : null
  // Not its sender's quote of this very post (takeNote notes the request on that alone), or a post that takes no
  // responses (pings off): refused.
  if (taken?.comment.quoteRequestId !== request.id.href) {
    await ctx.sendActivity({ identifier: BLOG_ACTOR }, from.actor, rejectOf(ctx, request.id.href, from.actor.id!))
    return
  }
  await answer(
    ctx,
    { id: taken.comment.id, quoteRequestId: request.id.href, remoteActorId: from.actor.id!.href },
    {
      from: null,
      to: taken.comment.status as Status,
      actor: from.actor,
    },
  )
}

/** The approval of a quote, while the quote stands (approved, under a post still on the fediverse). */
export async function quoteAuthorizationOf(ctx: Context<void>, id: string): Promise<QuoteAuthorization | null> {
  const quote = await db.comment.findFirst({
    where: {
      id,
      status: 'APPROVED',
      quoteRequestId: { not: null },
      remoteId: { not: null },
      post: { ...visiblePostsWhere(), password: null },
    },
    select: { remoteId: true, post: { select: { slug: true } } },
  })
  if (!quote?.remoteId) return null
  return new QuoteAuthorization({
    id: ctx.getObjectUri(QuoteAuthorization, { id }),
    attribution: ctx.getActorUri(BLOG_ACTOR),
    interactingObject: new URL(quote.remoteId),
    interactionTarget: ctx.getObjectUri(Article, { slug: quote.post.slug }),
  })
}

/**
 * After moderation changed comments' status (lib/comments/status.ts): the quotes among them that asked first are
 * answered — approved: Accept; refused before it was approved: Reject; approved, then taken down: its
 * authorization deleted — after the response: moderation stands whatever happens to the delivery (which is logged).
 */
export async function answerModeratedQuotes(comments: { id: string; status: string }[], status: Status): Promise<void> {
  const before = new Map(comments.filter((c) => c.status !== status).map((c) => [c.id, c.status as Status]))
  if (before.size === 0) return
  const quotes = await db.comment.findMany({
    where: { id: { in: [...before.keys()] }, quoteRequestId: { not: null }, remoteActorId: { not: null } },
    select: { id: true, quoteRequestId: true, remoteActorId: true },
  })
  if (quotes.length === 0) return
  // After the response: the quoting account is looked up on its server, which the moderator need not wait for.
  after(async () => {
    try {
      const { siteContext } = await import('./federation')
      const ctx = await siteContext()
      for (const quote of quotes) {
        const actor = await ctx.lookupObject(quote.remoteActorId!).catch(() => null)
        if (!actor || !isActor(actor)) continue
        await answer(ctx, quote as Quote, { from: before.get(quote.id) ?? null, to: status, actor })
      }
    } catch (error) {
      console.error('daisy: a quote’s answer could not be sent to the fediverse', error)
    }
  })
}

interface Quote {
  id: string
  quoteRequestId: string
  remoteActorId: string
}

async function answer(
  ctx: Context<void>,
  quote: Quote,
  { from, to, actor }: { from: Status | null; to: Status; actor: Actor },
): Promise<void> {
  const me = ctx.getActorUri(BLOG_ACTOR)
  const authorization = ctx.getObjectUri(QuoteAuthorization, { id: quote.id })
  const quoter = new URL(quote.remoteActorId)
  let activity: Accept | Reject | Delete | null = null
  if (to === 'APPROVED')
    activity = new Accept({
      id: new URL(`#accept-quote-${quote.id}-${Date.now()}`, me),
      actor: me,
      object: new URL(quote.quoteRequestId),
      result: authorization,
      to: quoter,
    })
  else if (from === 'APPROVED')
    activity = new Delete({
      id: new URL(`#revoke-quote-${quote.id}-${Date.now()}`, me),
      actor: me,
      object: authorization,
      to: quoter,
    })
  else if (to === 'SPAM' || to === 'TRASH') activity = rejectOf(ctx, quote.quoteRequestId, quoter)
  // Held for moderation (or sent back to it unanswered): answered when the author decides.
  if (activity) await ctx.sendActivity({ identifier: BLOG_ACTOR }, actor, activity)
}

function rejectOf(ctx: Context<void>, requestId: string, quoter: URL): Reject {
  const me = ctx.getActorUri(BLOG_ACTOR)
  return new Reject({
    id: new URL(`#reject-quote-${encodeURIComponent(requestId)}`, me),
    actor: me,
    object: new URL(requestId),
    to: quoter,
  })
}
