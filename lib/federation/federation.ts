// The blog as a fediverse account: its actor, WebFinger and NodeInfo, its collections, its posts as
// ActivityPub objects at their own addresses, and the inbox every server delivers to (lib/federation/inbox.ts).
// One Federation object per site address, made on first use; every path it answers is in lib/federation/paths.ts
// (the front door sends those, and a post asked for as ActivityPub, to app/ap/[[...path]]/route.ts).
import 'server-only'
import { createFederation, type Context, type Federation, type RequestContext } from '@fedify/fedify'
import {
  Announce,
  Application,
  Article,
  Create,
  Delete,
  Flag,
  Follow,
  Like,
  Move,
  Note,
  Person,
  QuoteAuthorization,
  QuoteRequest,
  Undo,
  Update,
} from '@fedify/vocab'
import { db } from '@/lib/db'
import { getAllSettings, getSettings, siteUrlOf } from '@/lib/settings/queries'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { escapeHtml } from '@/lib/content/escape'
import { Temporal } from '@js-temporal/polyfill'
import { DatabaseKvStore } from './kv'
import { noteFailure } from './failures'
import { JobMessageQueue } from './queue'
import { cachedKeyPairs } from './keys'
import { loaderSignedAs, signedDocumentLoader } from './loader'
import { createOf, postFormOf, postObjectOf, postObjectSelect } from './article'
import {
  deletedAccount,
  onAnnounce,
  onCreate,
  onDelete,
  onFlag,
  onFollow,
  onLike,
  onMove,
  onUndo,
  onUpdate,
} from './inbox'
import { BLOG_ACTOR, INSTANCE_ACTOR, PATHS } from './paths'
import { blockFor } from './blocks'
import { deadHosts, instanceHost } from './instances'
import { answerNote } from './answers'
import { getFederatedPost } from './post-read'
import { onQuoteRequest, quoteAuthorizationOf } from './quotes'
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
    // Every server checks draft-cavage signatures; RFC 9421 only the newest (Mastodon 4.5+). Knocking with the
    // one all take first saves a refused delivery per instance on first contact (the library then remembers).
    firstKnock: 'draft-cavage-http-signatures-12',
    // Said once per failed attempt; the library tries again later on its own schedule.
    onOutboxError: async (error, activity) => {
      console.error(`daisy: a fediverse delivery failed (${activity?.id?.href ?? 'activity'}): ${error.message}`)
      await noteFailure(error)
    },
    // Remote actors, notes and keys come through the safe fetcher (which also decides on private addresses),
    // every GET signed as the instance actor: servers in secure mode answer only signed fetches.
    documentLoaderFactory: () => signedDocumentLoader(origin),
    // Where the library signs as a given actor's key: through the safe fetcher too.
    authenticatedDocumentLoaderFactory: (identity) => loaderSignedAs(identity),
  })

  // Secure fetch (Settings): the accounts' documents, posts and collections answer only a signed request from a
  // server not blocked here. The instance actor is always served: it holds the key other servers check ours with.
  const allowed = async (ctx: RequestContext<void>, identifier?: string) => {
    // Read cached: every GET of an actor, a post or a collection asks.
    if (identifier === INSTANCE_ACTOR || !(await getSettings()).fediverseSecureFetch) return true
    const owner = await ctx.getSignedKeyOwner().catch(() => null)
    return !!owner?.id && !(await blockFor(owner.id.href))
  }

  federation
    .setActorDispatcher(PATHS.actor, (ctx, identifier) =>
      identifier === BLOG_ACTOR
        ? blogActor(ctx)
        : identifier === INSTANCE_ACTOR
          ? instanceActor(ctx)
          : authorActor(ctx, identifier),
    )
    .authorize(allowed)
    .setKeyPairsDispatcher(async (_ctx, identifier) => ((await isActor(identifier)) ? cachedKeyPairs(identifier) : []))
    .mapHandle(async (_ctx, username) => {
      const { fediverseHandle } = await getAllSettings()
      if (username.toLowerCase() === fediverseHandle.toLowerCase()) return BLOG_ACTOR
      return authorByHandle(username.toLowerCase())
    })

  federation
    .setFollowersDispatcher(PATHS.followers, async (ctx, identifier) => {
      if (!(await isActor(identifier))) return null
      // Accepted followers only; and when the blog sends (not when the collection is asked for), none on an
      // instance that has been dead for days (lib/federation/instances.ts).
      const followers = await db.follower.findMany({
        where: { actor: identifier, status: 'ACCEPTED' },
        orderBy: { createdAt: 'asc' },
      })
      const dead = 'request' in ctx ? new Set<string>() : await deadHosts()
      return {
        items: followers
          .filter((follower) => !dead.size || !dead.has(instanceHost(follower.sharedInbox ?? follower.inbox) ?? ''))
          .map((follower) => ({
            id: new URL(follower.remoteId),
            inboxId: new URL(follower.inbox),
            endpoints: follower.sharedInbox ? { sharedInbox: new URL(follower.sharedInbox) } : null,
          })),
      }
    })
    .setCounter(async (_ctx, identifier) =>
      (await isActor(identifier)) ? db.follower.count({ where: { actor: identifier, status: 'ACCEPTED' } }) : null,
    )
    .authorize(allowed)

  federation
    .setFollowingDispatcher(PATHS.following, async (_ctx, identifier) =>
      (await isActor(identifier)) ? { items: [] } : null,
    )
    .authorize(allowed)

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
      const form = postFormOf(await getAllSettings())
      const items = posts
        .slice(0, OUTBOX_PAGE)
        .map((post) => (author ? announceOf(ctx, author, post) : createOf(ctx, post, form)))
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
    .authorize(allowed)

  // A post at its own address: what Mastodon's search finds when the post's URL is pasted in.
  federation
    .setObjectDispatcher(Article, PATHS.post, async (ctx, { slug }) => {
      const post = await getFederatedPost(slug)
      if (!post) return null
      // A Note when the author chose that form: the library serves whatever object the dispatcher gives.
      return postObjectOf(ctx, post, postFormOf(await getSettings())) as Article
    })
    .authorize((ctx) => allowed(ctx))

  // The author's answers to fediverse replies (lib/federation/answers.ts).
  federation
    .setObjectDispatcher(Note, PATHS.note, (ctx, { id }) => answerNote(ctx, id))
    .authorize((ctx) => allowed(ctx))

  // The author's approval of a quote (lib/federation/quotes.ts), fetched by servers that show the quote.
  federation
    .setObjectDispatcher(QuoteAuthorization, PATHS.quoteAuthorization, (ctx, { id }) => quoteAuthorizationOf(ctx, id))
    .authorize((ctx) => allowed(ctx))

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
    .on(Flag, onFlag)
    .on(Move, onMove)
    .on(QuoteRequest, onQuoteRequest)
    .onUnverifiedActivity(deletedAccount)
    .onError((_ctx, error) => console.error('daisy: fediverse inbox', error))

  return federation
}

const OUTBOX_PAGE = 20

/** Whether an identifier names one of the blog's accounts: its own, the instance's, or an author's. */
async function isActor(identifier: string): Promise<boolean> {
  return identifier === BLOG_ACTOR || identifier === INSTANCE_ACTOR || (await findAuthor(identifier)) !== null
}

/** The server's own actor: what signs the blog's fetches. Nobody follows it; it follows nobody. */
async function instanceActor(ctx: Context<void>): Promise<Application> {
  const host = new URL(ctx.canonicalOrigin).host
  return new Application({
    ...(await actorFields(ctx, INSTANCE_ACTOR, { ...(await getAllSettings()), fediverseApproveFollowers: true })),
    preferredUsername: host,
    name: host,
    url: new URL('/', ctx.canonicalOrigin),
    discoverable: false,
    indexable: false,
  })
}

/** The blog's actor: the site's title, tagline, icon and address, its keys and its endpoints. */
export async function blogActor(ctx: Context<void>): Promise<Person> {
  const settings = await getAllSettings()
  const first = await db.post.findFirst({
    where: visiblePostsWhere(),
    orderBy: { publishedAt: 'asc' },
    select: { publishedAt: true },
  })
  const alsoKnownAs = settings.fediverseAlsoKnownAs
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => URL.canParse(line))
    .map((line) => new URL(line))
  return new Person({
    ...(await actorFields(ctx, BLOG_ACTOR, settings)),
    // A move: the accounts it was before (so their followers' servers accept the Move here), and where it went.
    aliases: alsoKnownAs,
    successor: settings.fediverseMovedTo ? new URL(settings.fediverseMovedTo) : null,
    preferredUsername: settings.fediverseHandle,
    name: settings.siteTitle,
    summary: settings.tagline ? `<p>${escapeHtml(settings.tagline)}</p>` : null,
    url: new URL('/', ctx.canonicalOrigin),
    published: first?.publishedAt ? Temporal.Instant.from(first.publishedAt.toISOString()) : null,
  })
}
