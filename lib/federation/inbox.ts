// What the fediverse sends the blog, once the library has checked the delivery's signature (and that the key
// belongs to the activity's actor): follows, replies and mentions (into the one moderated list of responses under
// a post), likes and boosts (shown apart, as who and how many), and their edits, deletions and undoings.
import 'server-only'
import type { InboxContext } from '@fedify/fedify'
import {
  Accept,
  Announce,
  Article,
  Create,
  Delete,
  Follow,
  Like,
  Note,
  Undo,
  Update,
  isActor,
  type Actor,
  type Object as APObject,
} from '@fedify/vocab'
import { db } from '@/lib/db'
import { expireTags } from '@/lib/cache'
import { tags } from '@/lib/cache/tags'
import { getAllSettings } from '@/lib/settings/queries'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { decide } from '@/lib/comments/moderation'
import { notifyNewResponse } from '@/lib/comments/notify'
import { renderImportedComment } from '@/lib/comments/render'
import { htmlToPlainText } from '@/lib/content/text'
import { extractLinks } from '@/lib/mentions/discover'
import { isPublicUrl } from './public-url'
import { BLOG_ACTOR } from './paths'

type Ctx = InboxContext<void>

/** Who sent something: the account as the blog shows and reaches it. */
export interface RemoteAccount {
  id: string
  handle: string
  name: string
  url: string | null
  inbox: string
  sharedInbox: string | null
}

/** Text fields are bounded like a comment's (a Note is at most a few thousand characters on any server). */
const MAX_CONTENT = 20_000
const MAX_NAME = 200

export async function accountOf(actor: Actor): Promise<RemoteAccount | null> {
  const id = actor.id?.href
  const inbox = actor.inboxId?.href
  if (!id || !inbox || !(await isPublicUrl(inbox))) return null
  const username = actor.preferredUsername?.toString() ?? new URL(id).pathname.split('/').pop() ?? 'someone'
  const handle = `@${username}@${new URL(id).host}`.slice(0, MAX_NAME)
  const sharedInbox = actor.endpoints?.sharedInbox?.href ?? null
  const url = actor.url instanceof URL ? actor.url.href : (actor.url?.href?.href ?? null)
  return {
    id,
    handle,
    name: (htmlToPlainText(actor.name?.toString() ?? '') || username).slice(0, MAX_NAME),
    url,
    inbox,
    sharedInbox: sharedInbox && (await isPublicUrl(sharedInbox)) ? sharedInbox : null,
  }
}

async function sender(ctx: Ctx, activity: { getActor(options: unknown): Promise<Actor | null> }) {
  const actor = await activity.getActor(ctx).catch(() => null)
  return actor && isActor(actor) ? accountOf(actor) : null
}

const postTags = (post: { id: string; slug: string }) => [
  tags.comments(post.id),
  tags.post(post.slug),
  tags.commentCounts,
]

/** The blog's post an address names (its Article id is the post's URL), if it is visible. */
async function postAt(ctx: Ctx, url: URL | null | undefined) {
  if (!url) return null
  const parsed = ctx.parseUri(new URL(url.href.replace(/#.*$/, '')))
  if (parsed?.type !== 'object' || parsed.class !== Article) return null
  return db.post.findFirst({
    where: { ...visiblePostsWhere(), slug: parsed.values.slug },
    select: { id: true, slug: true, commentsOpen: true },
  })
}

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
    where: { remoteId: inReplyTo.href, kind: 'COMMENT' },
    select: { id: true, status: true, post: { select: { id: true, slug: true, commentsOpen: true } } },
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
  if (parsed?.type !== 'actor' || parsed.identifier !== BLOG_ACTOR || !follow.id) return
  const actor = await follow.getActor(ctx).catch(() => null)
  const account = actor && isActor(actor) ? await accountOf(actor) : null
  if (!actor || !account) return
  const data = {
    inbox: account.inbox,
    sharedInbox: account.sharedInbox,
    handle: account.handle,
    name: account.name,
    url: account.url,
    followId: follow.id.href,
  }
  await db.follower.upsert({
    where: { actor_remoteId: { actor: BLOG_ACTOR, remoteId: account.id } },
    create: { actor: BLOG_ACTOR, remoteId: account.id, ...data },
    update: data,
  })
  await ctx.sendActivity(
    { identifier: BLOG_ACTOR },
    actor,
    new Accept({
      id: new URL(`#accept-${encodeURIComponent(follow.id.href)}`, ctx.getActorUri(BLOG_ACTOR)),
      actor: ctx.getActorUri(BLOG_ACTOR),
      object: follow,
    }),
  )
}

export async function onUndo(ctx: Ctx, undo: Undo): Promise<void> {
  const actorId = undo.actorId?.href
  const object = await undo.getObject(ctx).catch(() => null)
  if (!actorId || !object?.id) return
  if (object instanceof Follow) {
    await db.follower.deleteMany({ where: { actor: BLOG_ACTOR, remoteId: actorId } })
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
  // Only a note its own author sends (a server relaying someone else's note must not put words in their mouth).
  if (object.attributionId?.href !== create.actorId?.href) return
  if (await db.comment.findUnique({ where: { remoteId: object.id.href }, select: { id: true } })) return
  const account = await sender(ctx, create)
  if (!account) return
  const target = await replyTarget(ctx, object.replyTargetId)
  const post = target?.post ?? (await mentionedPost(ctx, object))
  if (!post) return
  const kind = target ? ('COMMENT' as const) : ('FEDIVERSE' as const)
  if (kind === 'COMMENT' && !post.commentsOpen) return
  const html = renderImportedComment((object.content?.toString() ?? '').slice(0, MAX_CONTENT))
  const content = htmlToPlainText(html).slice(0, MAX_CONTENT)
  const sourceUrl = (object.url instanceof URL ? object.url.href : object.url?.href?.href) ?? object.id.href
  const settings = await getAllSettings()
  const approvedBefore = !!(await db.comment.findFirst({
    where: { remoteActorId: account.id, status: 'APPROVED' },
    select: { id: true },
  }))
  const decision = decide(
    { kind: 'FEDIVERSE', authorName: account.name, authorUrl: account.url ?? account.id, content, sourceUrl },
    settings,
    { approvedBefore },
  )
  let created: { id: string; status: string }
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
        remoteId: object.id.href,
        remoteActorId: account.id,
        sourceUrl,
        sourceTitle: kind === 'FEDIVERSE' ? `${account.name} (${account.handle})` : null,
        content,
        html,
      },
      select: { id: true, status: true },
    })
  } catch (error) {
    // The same note delivered twice at once (to the shared inbox and a personal one): the first one stands.
    if ((error as { code?: string }).code === 'P2002') return
    throw error
  }
  await notifyNewResponse(created.id)
  if (created.status === 'APPROVED') expireTags(postTags(post))
}

export async function onUpdate(ctx: Ctx, update: Update): Promise<void> {
  const object = await update.getObject(ctx).catch(() => null)
  if (!object?.id || (!(object instanceof Note) && !(object instanceof Article))) return
  const actorId = update.actorId?.href
  const comment = await db.comment.findUnique({
    where: { remoteId: object.id.href },
    select: { id: true, remoteActorId: true, status: true, post: { select: { id: true, slug: true } } },
  })
  if (!comment || !actorId || comment.remoteActorId !== actorId || object.attributionId?.href !== actorId) return
  const html = renderImportedComment((object.content?.toString() ?? '').slice(0, MAX_CONTENT))
  await db.comment.update({
    where: { id: comment.id },
    data: { html, content: htmlToPlainText(html).slice(0, MAX_CONTENT) },
  })
  if (comment.status === 'APPROVED') expireTags(postTags(comment.post))
}

export async function onDelete(ctx: Ctx, del: Delete): Promise<void> {
  const actorId = del.actorId?.href
  const objectId = del.objectId?.href
  if (!actorId || !objectId) return
  if (objectId === actorId) {
    // A whole account deleted: everything it said here goes, and it follows no more.
    const posts = await db.post.findMany({
      where: {
        OR: [{ comments: { some: { remoteActorId: actorId } } }, { reactions: { some: { actorId } } }],
      },
      select: { id: true, slug: true },
    })
    await db.$transaction([
      db.comment.deleteMany({ where: { remoteActorId: actorId } }),
      db.reaction.deleteMany({ where: { actorId } }),
      db.follower.deleteMany({ where: { remoteId: actorId } }),
    ])
    expireTags(posts.flatMap(postTags))
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

async function react(ctx: Ctx, activity: Like | Announce, kind: 'LIKE' | 'ANNOUNCE'): Promise<void> {
  const post = await postAt(ctx, activity.objectId)
  if (!post || !activity.id) return
  const account = await sender(ctx, activity)
  if (!account) return
  const data = {
    activityId: activity.id.href,
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
}

export const onLike = (ctx: Ctx, like: Like) => react(ctx, like, 'LIKE')
export const onAnnounce = (ctx: Ctx, announce: Announce) => react(ctx, announce, 'ANNOUNCE')
