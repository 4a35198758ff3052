// The blog as a fediverse account: its actor, WebFinger and NodeInfo, its collections, its posts as
// ActivityPub objects at their own addresses, and the inbox every server delivers to (lib/federation/inbox.ts).
// One Federation object per site address, made on first use; every path it answers is in lib/federation/paths.ts
// (the front door sends those, and a post asked for as ActivityPub, to app/ap/[[...path]]/route.ts).
import 'server-only'
import { createFederation, type Context, type Federation } from '@fedify/fedify'
import { Announce, Article, Create, Delete, Follow, Like, Note, Person, Undo, Update } from '@fedify/vocab'
import { db } from '@/lib/db'
import { getAllSettings, siteUrlOf } from '@/lib/settings/queries'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { escapeHtml } from '@/lib/content/escape'
import { Temporal } from '@js-temporal/polyfill'
import { DatabaseKvStore } from './kv'
import { noteFailure } from './failures'
import { JobMessageQueue } from './queue'
import { actorKeyPairs } from './keys'
import { safeDocumentLoader } from './loader'
import { createOf, postObjectOf, postObjectSelect } from './article'
import { deletedAccount, onAnnounce, onCreate, onDelete, onFollow, onLike, onUndo, onUpdate } from './inbox'
import { BLOG_ACTOR, PATHS } from './paths'
import { answerNote } from './answers'
import { actorFields } from './actor-fields'
import { announceOf, authorActor, authorByHandle, findAuthor } from './authors'

const made = new Map<string, Federation<void>>()
const queue = new JobMessageQueue()

/** The Federation for the site's address (Settings → Site address, else SITE_URL). */
export async function federationForSite(): Promise<Federation<void>> {
  return federation(siteUrlOf(await getAllSettings()))
}

/** A context outside any request (jobs, actions): URIs are made at the site's address. */
export async function siteContext(): Promise<Context<void>> {
  const siteUrl = siteUrlOf(await getAllSettings())
  return federation(siteUrl).createContext(new URL(siteUrl), undefined)
}

export function federation(siteUrl: string): Federation<void> {
  const origin = new URL(siteUrl).origin
  let federation = made.get(origin)
  if (!federation) {
    federation = build(origin)
    made.set(origin, federation)
  }
  return federation
}

function build(origin: string): Federation<void> {
  const federation = createFederation<void>({
    kv: new DatabaseKvStore(),
    // Deliveries and fan-out are jobs; what arrives in the inbox is handled in its request, so the sender hears
    // at once whether it was taken (and the pages it changed are expired there).
    queue: { outbox: queue, fanout: queue },
    manuallyStartQueue: true,
    origin,
    // Said once per failed attempt; the library tries again later on its own schedule.
    onOutboxError: async (error, activity) => {
      console.error(`daisy: a fediverse delivery failed (${activity?.id?.href ?? 'activity'}): ${error.message}`)
      await noteFailure(error)
    },
    // Remote actors, notes and keys come through the safe fetcher (which also decides on private addresses).
    documentLoaderFactory: () => safeDocumentLoader,
    // Also where the library would sign its fetches (deliveries to a personal inbox): unsigned, through the safe
    // fetcher too, until secure fetch is a setting.
    authenticatedDocumentLoaderFactory: () => safeDocumentLoader,
  })

  federation
    .setActorDispatcher(PATHS.actor, (ctx, identifier) =>
      identifier === BLOG_ACTOR ? blogActor(ctx) : authorActor(ctx, identifier),
    )
    .setKeyPairsDispatcher(async (_ctx, identifier) => ((await isActor(identifier)) ? actorKeyPairs(identifier) : []))
    .mapHandle(async (_ctx, username) => {
      const { fediverseHandle } = await getAllSettings()
      if (username.toLowerCase() === fediverseHandle.toLowerCase()) return BLOG_ACTOR
      return authorByHandle(username.toLowerCase())
    })

  federation
    .setFollowersDispatcher(PATHS.followers, async (_ctx, identifier) => {
      if (!(await isActor(identifier))) return null
      const followers = await db.follower.findMany({ where: { actor: identifier }, orderBy: { createdAt: 'asc' } })
      return {
        items: followers.map((follower) => ({
          id: new URL(follower.remoteId),
          inboxId: new URL(follower.inbox),
          endpoints: follower.sharedInbox ? { sharedInbox: new URL(follower.sharedInbox) } : null,
        })),
      }
    })
    .setCounter(async (_ctx, identifier) =>
      (await isActor(identifier)) ? db.follower.count({ where: { actor: identifier } }) : null,
    )

  federation.setFollowingDispatcher(PATHS.following, async (_ctx, identifier) =>
    (await isActor(identifier)) ? { items: [] } : null,
  )

  federation
    .setOutboxDispatcher(PATHS.outbox, async (ctx, identifier, cursor) => {
      if (cursor === null || !(await isActor(identifier))) return null
      const page = Math.max(0, Number.parseInt(cursor, 10) || 0)
      const author = identifier === BLOG_ACTOR ? null : identifier
      const posts = await db.post.findMany({
        where: { ...visiblePostsWhere(), ...(author ? { authorId: author } : {}) },
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        skip: page * OUTBOX_PAGE,
        take: OUTBOX_PAGE + 1,
        select: postObjectSelect,
      })
      const { fediverseObjectType } = await getAllSettings()
      const items = posts
        .slice(0, OUTBOX_PAGE)
        .map((post) => (author ? announceOf(ctx, author, post) : createOf(ctx, post, fediverseObjectType)))
      return { items, nextCursor: posts.length > OUTBOX_PAGE ? String(page + 1) : null }
    })
    .setFirstCursor(() => '0')
    .setCounter(async (_ctx, identifier) =>
      (await isActor(identifier))
        ? db.post.count({
            where: { ...visiblePostsWhere(), ...(identifier === BLOG_ACTOR ? {} : { authorId: identifier }) },
          })
        : null,
    )

  // A post at its own address: what Mastodon's search finds when the post's URL is pasted in.
  federation.setObjectDispatcher(Article, PATHS.post, async (ctx, { slug }) => {
    const post = await db.post.findFirst({ where: { ...visiblePostsWhere(), slug }, select: postObjectSelect })
    if (!post) return null
    // A Note when the author chose that form: the library serves whatever object the dispatcher gives.
    return postObjectOf(ctx, post, (await getAllSettings()).fediverseObjectType) as Article
  })

  // The author's answers to fediverse replies (lib/federation/answers.ts).
  federation.setObjectDispatcher(Note, PATHS.note, (ctx, { id }) => answerNote(ctx, id))

  federation.setNodeInfoDispatcher(PATHS.nodeInfo, async () => ({
    software: { name: 'daisy', version: '0.1.0', homepage: new URL('https://github.com/') },
    protocols: ['activitypub'],
    openRegistrations: false,
    usage: {
      users: { total: 1 + (await db.user.count({ where: { slug: { not: null } } })) },
      localPosts: await db.post.count({ where: visiblePostsWhere() }),
      localComments: await db.comment.count({ where: { status: 'APPROVED' } }),
    },
  }))

  // An inbox that answers 404 or 410 is gone for good: the followers it stood for are followers no more (so the
  // next post does not knock again).
  federation.setOutboxPermanentFailureHandler(async (_ctx, { inbox, statusCode, actorIds, error }) => {
    await noteFailure(error, true)
    const { count } = await db.follower.deleteMany({
      where: { actor: BLOG_ACTOR, remoteId: { in: actorIds.map((id) => id.href) } },
    })
    console.log(`daisy: ${inbox.host} answered ${statusCode} for good; ${count} follower(s) there removed`)
  })

  federation
    .setInboxListeners(PATHS.inbox, PATHS.sharedInbox)
    .on(Follow, onFollow)
    .on(Undo, onUndo)
    .on(Create, onCreate)
    .on(Update, onUpdate)
    .on(Delete, onDelete)
    .on(Like, onLike)
    .on(Announce, onAnnounce)
    .onUnverifiedActivity(deletedAccount)
    .onError((_ctx, error) => console.error('daisy: fediverse inbox', error))

  return federation
}

const OUTBOX_PAGE = 20

/** Whether an identifier names one of the blog's accounts: its own, or an author's. */
async function isActor(identifier: string): Promise<boolean> {
  return identifier === BLOG_ACTOR || (await findAuthor(identifier)) !== null
}

/** The blog's actor: the site's title, tagline, icon and address, its keys and its endpoints. */
export async function blogActor(ctx: Context<void>): Promise<Person> {
  const settings = await getAllSettings()
  const first = await db.post.findFirst({
    where: visiblePostsWhere(),
    orderBy: { publishedAt: 'asc' },
    select: { publishedAt: true },
  })
  return new Person({
    ...(await actorFields(ctx, BLOG_ACTOR, settings.siteIcon)),
    preferredUsername: settings.fediverseHandle,
    name: settings.siteTitle,
    summary: settings.tagline ? `<p>${escapeHtml(settings.tagline)}</p>` : null,
    url: new URL('/', ctx.canonicalOrigin),
    published: first?.publishedAt ? Temporal.Instant.from(first.publishedAt.toISOString()) : null,
  })
}
