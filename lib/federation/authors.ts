// An account per author on a blog with several: @<slug>@host (the author page's slug, with _ for -), whose
// followers get that author's posts as boosts of the blog's own post (the blog's account makes every post, so
// each post has one author on the fediverse and one id; following an author is following their part of it).
import 'server-only'
import type { Context } from '@fedify/fedify'
import { Announce, Person, PUBLIC_COLLECTION } from '@fedify/vocab'
import { Temporal } from '@js-temporal/polyfill'
import { db } from '@/lib/db'
import { escapeHtml } from '@/lib/content/escape'
import { postUrl } from './article'
import { BLOG_ACTOR } from './paths'
import { authorHandle } from './handles'
import { actorFields } from './actor-fields'
import { getAllSettings } from '@/lib/settings/queries'

const authorSelect = { id: true, slug: true, name: true, bio: true, createdAt: true } as const

/** The author an actor identifier names (a user id), if they have an author page; never the blog's own. */
export async function findAuthor(identifier: string) {
  if (identifier === BLOG_ACTOR || identifier.length > 40) return null
  const user = await db.user.findUnique({ where: { id: identifier }, select: authorSelect })
  return user?.slug ? { ...user, slug: user.slug } : null
}

/** The author a handle names: a slug with _ for - (slugs never hold _). */
export async function authorByHandle(username: string) {
  if (!/^[a-z0-9_]{1,60}$/.test(username)) return null
  const user = await db.user.findUnique({ where: { slug: username.replace(/_/g, '-') }, select: { id: true } })
  return user?.id ?? null
}

export async function authorActor(ctx: Context<void>, identifier: string): Promise<Person | null> {
  const author = await findAuthor(identifier)
  if (!author) return null
  // The site's icon, as the blog's own account shows it (an author has no picture of their own here).
  const settings = await getAllSettings()
  return new Person({
    ...(await actorFields(ctx, identifier, settings)),
    preferredUsername: authorHandle(author.slug),
    name: author.name,
    summary: author.bio ? `<p>${escapeHtml(author.bio)}</p>` : null,
    url: new URL(`/authors/${author.slug}`, ctx.canonicalOrigin),
    published: Temporal.Instant.from(author.createdAt.toISOString()),
  })
}

/** An author's boost of their post (the blog's object), as their followers receive it. */
export function announceOf(
  ctx: Context<void>,
  authorId: string,
  post: { slug: string; publishedAt: Date | null },
): Announce {
  const object = postUrl(ctx, post)
  return new Announce({
    id: new URL(`${object.href}#announce-${authorId}`),
    actor: ctx.getActorUri(authorId),
    object,
    published: post.publishedAt ? Temporal.Instant.from(post.publishedAt.toISOString()) : null,
    to: PUBLIC_COLLECTION,
    ccs: [ctx.getFollowersUri(authorId), ctx.getActorUri(BLOG_ACTOR)],
  })
}
