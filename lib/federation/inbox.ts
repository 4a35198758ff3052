// What the fediverse sends the blog, once the library has checked the delivery's signature (and that the key
// belongs to the activity's actor): follows, replies and mentions (into the one moderated list of responses under
// a post), likes and boosts (shown apart, as who and how many), and their edits, deletions and undoings.
import 'server-only'
import type { Context, InboxContext, RequestContext, UnverifiedActivityReason } from '@fedify/fedify'
import { FetchError } from '@fedify/vocab-runtime'
import { safeDocumentLoader } from './loader'
import {
  Accept,
  Announce,
  Article,
  Create,
  Delete,
  Flag,
  Follow,
  Like,
  Move,
  Note,
  Undo,
  Update,
  isActor,
  type Activity,
  type Actor,
  type Object as APObject,
} from '@fedify/vocab'
import { after } from 'next/server'
import { db } from '@/lib/db'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache/tags'
import { getAllSettings } from '@/lib/settings/queries'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { decide, matchList, parseList, type Candidate } from '@/lib/comments/moderation'
import { commentsOpenNow } from '@/lib/comments/window'
import { notifyNewResponse } from '@/lib/comments/notify'
import { renderImportedComment } from '@/lib/comments/render'
import { htmlToPlainText } from '@/lib/content/text'
import { extractLinks } from '@/lib/mentions/discover'
import { isPublicUrl } from './public-url'
import { BLOG_ACTOR } from './paths'
import { keptUrl } from './urls'
import { copyAvatar, iconUrlOf } from './avatars'
import { findAuthor } from './authors'
import { blockFor } from './blocks'
import { noteReachable } from './instances'

type Ctx = InboxContext<void>

/** Who sent something: the account as the blog shows and reaches it. */
export interface RemoteAccount {
  id: string
  handle: string
  name: string
  url: string | null
  inbox: string
  sharedInbox: string | null
  /** Its picture's address (copied to the blog, never linked to). */
  icon: string | null
}

/** Text fields are bounded like a comment's (a Note is at most a few thousand characters on any server). */
const MAX_CONTENT = 20_000
const MAX_NAME = 200
/** A username as servers make them (Mastodon: letters, digits, _; others add . and -). */
const USERNAME = /^[\p{L}\p{N}_.-]{1,64}$/u

const linkOf = (url: Actor['url'] | APObject['url']) => keptUrl(url instanceof URL ? url : (url?.href ?? null))

export async function accountOf(actor: Actor): Promise<RemoteAccount | null> {
  const id = keptUrl(actor.id)
  const inbox = keptUrl(actor.inboxId)
  if (!id || !inbox || !(await isPublicUrl(inbox))) return null
  const claimed = actor.preferredUsername?.toString() ?? ''
  // The handle's host is the actor's own: a username cannot pass for someone else's (@x@other.host).
  const username = USERNAME.test(claimed) ? claimed : 'someone'
  const handle = `@${username}@${new URL(id).host}`
  const sharedInbox = keptUrl(actor.endpoints?.sharedInbox)
  return {
    id,
    handle,
    name: (htmlToPlainText(actor.name?.toString() ?? '') || username).slice(0, MAX_NAME),
    url: linkOf(actor.url),
    inbox,
    sharedInbox: sharedInbox && (await isPublicUrl(sharedInbox)) ? sharedInbox : null,
    icon: await iconUrlOf(actor),
  }
}

/** After the answer is sent: the account's picture copied (once per account), then the post's pages refreshed. */
function avatarLater(account: RemoteAccount, post: { id: string; slug: string }): void {
  after(async () => {
    const path = await copyAvatar(account.id, account.icon).catch(() => null)
    if (path) expireTags(postTags(post))
  })
}

/** Whether an object (a note, an activity) was made where its actor lives: nobody signs for another server's ids. */
export function sameOrigin(...urls: (URL | null | undefined)[]): boolean {
  const origins = urls.map((url) => url?.origin)
  return origins.every((origin) => origin !== undefined && origin === origins[0])
}

/** Who sent an activity, as an actor (to answer) and as the account shown; null if unusable or blocked. */
export async function senderOf(ctx: Ctx, activity: { getActor(options: unknown): Promise<Actor | null> }) {
  const actor = await activity.getActor(ctx).catch(() => null)
  const account = actor && isActor(actor) ? await accountOf(actor) : null
  // The inbox's gate refused blocked senders already; an account blocked since its actor was cached is too.
  if (!actor || !account || (await blockFor(account.id))) return null
  // Whatever it sends, its instance is alive: a dead one is delivered to again (lib/federation/instances.ts).
  await noteReachable(account.inbox)
  return { actor, account }
}

const sender = async (ctx: Ctx, activity: Parameters<typeof senderOf>[1]) =>
  (await senderOf(ctx, activity))?.account ?? null

const postTags = (post: { id: string; slug: string }) => [
  tags.comments(post.id),
  tags.post(post.slug),
  tags.commentCounts,
]

/** The blog's post an address names (its Article id is the post's URL), if it is visible. */
export async function postAt(ctx: Ctx, url: URL | null | undefined) {
  if (!url) return null
  const parsed = ctx.parseUri(new URL(url.href.replace(/#.*$/, '')))
  if (parsed?.type !== 'object' || parsed.class !== Article) return null
  // A protected post is not on the fediverse (only its excerpt went out): nothing lands under it from there.
  return db.post.findFirst({
    where: { ...visiblePostsWhere(), slug: parsed.values.slug, password: null },
    select: postSelect,
  })
}

const postSelect = { id: true, slug: true, commentsOpen: true, pingsOpen: true, publishedAt: true } as const

/** What a Note answers: one of our posts, or a response under one (ours, a comment's anchor, or a remote note). */
async function replyTarget(ctx: Ctx, inReplyTo: URL | null) {
  if (!inReplyTo) return null
  const post = await postAt(ctx, inReplyTo)
  if (post) {
    const anchor = /^#comment-([\w-]+)$/.exec(inReplyTo.hash)
    const parent = anchor
      ? await db.comment.findFirst({ where: { id: anchor[1], postId: post.id, status: 'APPROVED', kind: 'COMMENT' } })
      : null
    return { post, parentId: parent?.id ?? null }
  }
  const parent = await db.comment.findFirst({
    where: { remoteId: inReplyTo.href, kind: 'COMMENT', post: { ...visiblePostsWhere(), password: null } },
    select: { id: true, status: true, post: { select: postSelect } },
  })
  if (parent) return { post: parent.post, parentId: parent.status === 'APPROVED' ? parent.id : null }
  return null
}

/** One of our posts a Note links to (without replying): a mention. */
async function mentionedPost(ctx: Ctx, note: APObject) {
  const content = note.content?.toString() ?? ''
  const links = extractLinks(content, note.id?.href ?? ctx.canonicalOrigin)
  for (const link of links) {
    const url = new URL(link)
    if (url.origin !== new URL(ctx.canonicalOrigin).origin) continue
    const post = await postAt(ctx, url)
    if (post) return post
  }
  return null
}

export async function onFollow(ctx: Ctx, follow: Follow): Promise<void> {
  const parsed = follow.objectId ? ctx.parseUri(follow.objectId) : null
  if (parsed?.type !== 'actor' || !follow.id) return
  // The blog's account, or an author's.
  const followed = parsed.identifier
  if (followed !== BLOG_ACTOR && !(await findAuthor(followed))) return
  const from = await senderOf(ctx, follow)
  if (!from) return
  const { actor, account } = from
  // With approval on, a new follower waits for the author (Admin → Fediverse); one already accepted stays so.
  const { fediverseApproveFollowers } = await getAllSettings()
  const known = await db.follower.findUnique({
    where: { actor_remoteId: { actor: followed, remoteId: account.id } },
    select: { status: true },
  })
  const status = known?.status === 'ACCEPTED' || !fediverseApproveFollowers ? 'ACCEPTED' : 'PENDING'
  const data = {
    inbox: account.inbox,
    sharedInbox: account.sharedInbox,
    handle: account.handle,
    name: account.name,
    url: account.url,
    followId: keptUrl(follow.id),
  }
  await db.follower.upsert({
    where: { actor_remoteId: { actor: followed, remoteId: account.id } },
    create: { actor: followed, remoteId: account.id, status, ...data },
    update: { status, ...data },
  })
  if (status === 'ACCEPTED') await ctx.sendActivity({ identifier: followed }, actor, acceptOf(ctx, followed, follow))
}

/** The Accept of a Follow, as the followed account sends it (now, or when the author approves it). */
export function acceptOf(ctx: Context<void>, followed: string, follow: Follow): Accept {
  return new Accept({
    id: new URL(`#accept-${encodeURIComponent(follow.id?.href ?? '')}`, ctx.getActorUri(followed)),
    actor: ctx.getActorUri(followed),
    object: follow,
  })
}

export async function onUndo(ctx: Ctx, undo: Undo): Promise<void> {
  const actorId = undo.actorId?.href
  const object = await undo.getObject(ctx).catch(() => null)
  if (!actorId || !object?.id) return
  if (object instanceof Follow) {
    const parsed = object.objectId ? ctx.parseUri(object.objectId) : null
    const followed = parsed?.type === 'actor' ? parsed.identifier : BLOG_ACTOR
    await db.follower.deleteMany({ where: { actor: followed, remoteId: actorId } })
  } else if (object instanceof Like || object instanceof Announce) {
    const reaction = await db.reaction.findFirst({
      where: { activityId: object.id.href, actorId },
      select: { id: true, post: { select: { id: true, slug: true } } },
    })
    if (!reaction) return
    await db.reaction.delete({ where: { id: reaction.id } })
    expireTags(postTags(reaction.post))
  }
}

export async function onCreate(ctx: Ctx, create: Create): Promise<void> {
  const object = await create.getObject(ctx).catch(() => null)
  if (!(object instanceof Note || object instanceof Article) || !object.id) return
  // Only a note its own author sends, made on its author's server (a server relaying someone else's note, or
  // naming its note with another server's address, must not put words in their mouth).
  if (object.attributionId?.href !== create.actorId?.href) return
  if (!sameOrigin(create.actorId, create.id, object.id)) return
  const remoteId = keptUrl(object.id)
  if (!remoteId || (await db.comment.findUnique({ where: { remoteId }, select: { id: true } }))) return
  const account = await sender(ctx, create)
  if (account) await takeNote(ctx, object, account)
}

/** A note taken under a post: its comment (new, or the one an earlier delivery of it made). */
export interface TakenNote {
  comment: { id: string; status: string; quoteRequestId: string | null }
}

/**
 * A reply, mention or quote of one of the blog's posts, from its author's own delivery (Create) or a quote's
 * request for approval (QuoteRequest, lib/federation/quotes.ts): into the moderated list of responses under the
 * post, judged by the comment rules. Null when it answers no post of ours or the post takes no responses.
 */
export async function takeNote(
  ctx: Ctx,
  object: Note | Article,
  account: RemoteAccount,
  { quoteRequest }: { quoteRequest?: { id: string; postId: string } } = {},
): Promise<TakenNote | null> {
  const remoteId = keptUrl(object.id)
  if (!remoteId) return null
  const target = await replyTarget(ctx, object.replyTargetId)
  // A quote of a post (FEP-044f `quote`; `quoteUrl`, Misskey's `_misskey_quote`, Fedibird's `quoteUri`) is a
  // mention with its text, like a note that links to the post.
  const quoted = target ? null : await postAt(ctx, object.quoteId ?? object.quoteUrl)
  // A quote request is noted only on the very quote it asks about (not on a reply, nor a quote of another post).
  const quoteRequestId = quoteRequest && quoted?.id === quoteRequest.postId ? quoteRequest.id : null
  const post = target?.post ?? quoted ?? (await mentionedPost(ctx, object))
  if (!post) return null
  const kind = target ? ('COMMENT' as const) : ('FEDIVERSE' as const)
  const settings = await getAllSettings()
  // The post's own rules, as for a comment or a linkback: comments closed (now, or after N days), pings off.
  if (kind === 'COMMENT' && !commentsOpenNow(post, settings.closeCommentsAfterDays)) return null
  if (kind === 'FEDIVERSE' && !post.pingsOpen) return null
  const select = { id: true, status: true, quoteRequestId: true, postId: true } as const
  const taken = (comment: TakenNote['comment'] & { postId: string }): TakenNote | null =>
    comment.postId === post.id ? { comment } : null
  // Delivered before (the Create and the quote's request both carry the note): the request is noted on it.
  const earlier = await db.comment.findUnique({ where: { remoteId }, select: { ...select, remoteActorId: true } })
  if (earlier) {
    if (earlier.remoteActorId !== account.id) return null
    if (!quoteRequestId || earlier.quoteRequestId === quoteRequestId) return taken(earlier)
    return taken(await db.comment.update({ where: { id: earlier.id }, data: { quoteRequestId }, select }))
  }
  const html = renderImportedComment((object.content?.toString() ?? '').slice(0, MAX_CONTENT))
  const content = htmlToPlainText(html).slice(0, MAX_CONTENT)
  const sourceUrl = linkOf(object.url) ?? remoteId
  const approvedBefore = !!(await db.comment.findFirst({
    where: { remoteActorId: account.id, status: 'APPROVED' },
    select: { id: true },
  }))
  const decision = decide(candidateOf(account, content, remoteId), settings, { approvedBefore })
  let created: TakenNote['comment'] & { postId: string }
  try {
    created = await db.comment.create({
      data: {
        postId: post.id,
        parentId: target?.parentId ?? null,
        kind,
        status: decision.status,
        reason: decision.reason,
        authorName: account.name,
        authorUrl: account.url ?? account.id,
        authorHandle: account.handle,
        remoteId,
        remoteActorId: account.id,
        sourceUrl,
        sourceTitle:
          kind === 'FEDIVERSE' ? `${account.name} (${account.handle})${quoted ? ' quoted this post' : ''}` : null,
        content,
        html,
        quoteRequestId,
      },
      select,
    })
  } catch (error) {
    // The same note delivered twice at once (to the shared inbox and a personal one): the first one stands.
    if ((error as { code?: string }).code !== 'P2002') throw error
    const first = await db.comment.findUnique({ where: { remoteId }, select: { ...select, remoteActorId: true } })
    if (first?.remoteActorId !== account.id) return null
    if (quoteRequestId && !first.quoteRequestId)
      return taken(await db.comment.update({ where: { id: first.id }, data: { quoteRequestId }, select }))
    return taken(first)
  }
  await notifyNewResponse(created.id)
  if (created.status === 'APPROVED') expireTags(postTags(post))
  avatarLater(account, post)
  return taken(created)
}

export async function onUpdate(ctx: Ctx, update: Update): Promise<void> {
  const object = await update.getObject(ctx).catch(() => null)
  if (!object?.id || (!(object instanceof Note) && !(object instanceof Article))) return
  const actorId = update.actorId?.href
  if (!sameOrigin(update.actorId, update.id, object.id)) return
  const comment = await db.comment.findUnique({
    where: { remoteId: object.id.href },
    select: {
      id: true,
      remoteActorId: true,
      status: true,
      authorName: true,
      post: { select: { id: true, slug: true } },
    },
  })
  if (!comment || !actorId || comment.remoteActorId !== actorId || object.attributionId?.href !== actorId) return
  const html = renderImportedComment((object.content?.toString() ?? '').slice(0, MAX_CONTENT))
  const content = htmlToPlainText(html).slice(0, MAX_CONTENT)
  // An edit is judged again: an approved reply cannot be edited into what the rules would have held.
  const decision = decide(
    candidateOf({ id: actorId, name: comment.authorName }, content, object.id.href),
    await getAllSettings(),
    {
      approvedBefore: true,
    },
  )
  const status = comment.status === 'APPROVED' && decision.status !== 'APPROVED' ? decision.status : comment.status
  await db.comment.update({
    where: { id: comment.id },
    data: { html, content, status, ...(status !== comment.status ? { reason: `Edited: ${decision.reason}` } : {}) },
  })
  if (comment.status === 'APPROVED') expireTags(postTags(comment.post))
}

/**
 * What the moderation policy judges: the account's own address stands for its site (its server is the one that
 * signed), so a blocked instance is blocked whatever links its notes carry.
 */
function candidateOf(account: Pick<RemoteAccount, 'id' | 'name'>, content: string, noteId: string): Candidate {
  return { kind: 'FEDIVERSE', authorName: account.name, authorUrl: account.id, content, sourceUrl: noteId }
}

export async function onDelete(ctx: Ctx, del: Delete): Promise<void> {
  const actorId = del.actorId?.href
  const objectId = del.objectId?.href
  if (!actorId || !objectId) return
  if (objectId === actorId) {
    // A whole account deleted: everything it said here goes, and it follows no more.
    await removeAccount(actorId)
    return
  }
  const comment = await db.comment.findUnique({
    where: { remoteId: objectId },
    select: { id: true, remoteActorId: true, post: { select: { id: true, slug: true } } },
  })
  if (!comment || comment.remoteActorId !== actorId) return
  // Replies to it stay, as they do when a comment is deleted here (parentId is set to null).
  await db.comment.delete({ where: { id: comment.id } })
  expireTags(postTags(comment.post))
}

/**
 * A deleted account's last word: Mastodon signs the Delete of an account with the key it has just deleted, so
 * the signature cannot be checked (the key's address answers 410 Gone). Only that case is honoured, and only for
 * the account whose own server says it is gone: what it wrote here is removed, it follows no more.
 */
export async function deletedAccount(
  ctx: RequestContext<void>,
  activity: Activity,
  reason: UnverifiedActivityReason,
): Promise<Response | void> {
  if (!(activity instanceof Delete) || reason.type !== 'keyFetchError') return
  if (!('status' in reason.result) || reason.result.status !== 410) return
  const actorId = activity.actorId
  if (!actorId || activity.objectId?.href !== actorId.href || reason.keyId.origin !== actorId.origin) return
  // Asked again, by us: the account must really be gone.
  const gone = await safeDocumentLoader(actorId.href).then(
    () => false,
    (error: unknown) => error instanceof FetchError && error.response?.status === 410,
  )
  if (!gone) return
  await removeAccount(actorId.href)
  return new Response(null, { status: 202 })
}

async function removeAccount(actorId: string): Promise<void> {
  const posts = await db.post.findMany({
    where: { OR: [{ comments: { some: { remoteActorId: actorId } } }, { reactions: { some: { actorId } } }] },
    select: { id: true, slug: true },
  })
  await db.$transaction([
    db.comment.deleteMany({ where: { remoteActorId: actorId } }),
    db.reaction.deleteMany({ where: { actorId } }),
    db.follower.deleteMany({ where: { remoteId: actorId } }),
  ])
  expireTags(posts.flatMap(postTags))
}

async function react(ctx: Ctx, activity: Like | Announce, kind: 'LIKE' | 'ANNOUNCE'): Promise<void> {
  const post = await postAt(ctx, activity.objectId)
  const activityId = keptUrl(activity.id)
  if (!post || !activityId || !sameOrigin(activity.actorId, activity.id)) return
  const account = await sender(ctx, activity)
  if (!account) return
  // The block list holds for likes and boosts too (they show on the page at once, with names).
  const { blocklist } = await getAllSettings()
  if (matchList(parseList(blocklist), candidateOf(account, '', account.id))) return
  const data = {
    activityId,
    actorName: account.name,
    actorHandle: account.handle,
    actorUrl: account.url,
  }
  await db.reaction.upsert({
    where: { postId_kind_actorId: { postId: post.id, kind, actorId: account.id } },
    create: { postId: post.id, kind, actorId: account.id, ...data },
    update: data,
  })
  expireTags(postTags(post))
  avatarLater(account, post)
}

export const onLike = (ctx: Ctx, like: Like) => react(ctx, like, 'LIKE')
export const onAnnounce = (ctx: Ctx, announce: Announce) => react(ctx, announce, 'ANNOUNCE')

/**
 * A report (Flag) from another server about something here — Mastodon sends one when its user reports the blog's
 * account or posts and chooses to forward it. It waits in the moderation queue until the author dismisses it.
 */
export async function onFlag(ctx: Ctx, flag: Flag): Promise<void> {
  const activityId = keptUrl(flag.id)
  if (!activityId || !sameOrigin(flag.actorId, flag.id)) return
  const account = await sender(ctx, flag)
  if (!account) return
  const objects = flag.objectIds
    .map((url) => keptUrl(url))
    .filter((url): url is string => !!url)
    .slice(0, 50)
  const content = htmlToPlainText(flag.content?.toString() ?? '').slice(0, 5000)
  await db.report.upsert({
    where: { activityId },
    create: { activityId, actorId: account.id, actorHandle: account.handle, content, objects: JSON.stringify(objects) },
    update: {},
  })
}

/**
 * A follower moved to another account (Mastodon's account migration): the new account must name the old one in
 * alsoKnownAs, as its own server says when fetched. Then the follower is that new account, here as everywhere.
 */
export async function onMove(ctx: Ctx, move: Move): Promise<void> {
  const from = move.actorId
  if (!from || move.objectId?.href !== from.href || !move.targetId) return
  const followers = await db.follower.findMany({ where: { remoteId: from.href }, select: { id: true, actor: true } })
  if (!followers.length) return
  // Fetched from its own server (not taken from the delivery), through the safe fetcher.
  const target = await ctx.lookupObject(move.targetId.href).catch(() => null)
  if (!target || !isActor(target) || target.id?.href !== move.targetId.href) return
  if (!target.aliasIds.some((alias) => alias.href === from.href)) return
  const account = await accountOf(target)
  if (!account || (await blockFor(account.id))) return
  const data = {
    remoteId: account.id,
    inbox: account.inbox,
    sharedInbox: account.sharedInbox,
    handle: account.handle,
    name: account.name,
    url: account.url,
  }
  for (const follower of followers) {
    // Already following from the new account too: the old row goes.
    const both = await db.follower.findUnique({
      where: { actor_remoteId: { actor: follower.actor, remoteId: account.id } },
      select: { id: true },
    })
    if (both) await db.follower.delete({ where: { id: follower.id } })
    else await db.follower.update({ where: { id: follower.id }, data })
  }
}
