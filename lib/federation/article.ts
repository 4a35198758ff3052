// A post as the fediverse sees it: an Article at the post's own address, with its title, full sanitised HTML, a
// summary (what Mastodon shows of an Article, with the title and link), the featured image, tags as Hashtags
// linking to the tag pages, and the post's replies.
import { Temporal } from '@js-temporal/polyfill'
import {
  Article,
  Create,
  Delete,
  Hashtag,
  Image,
  InteractionPolicy,
  InteractionRule,
  Note,
  PUBLIC_COLLECTION,
  Tombstone,
  Update,
} from '@fedify/vocab'
import type { Context } from '@fedify/fedify'
import type { Prisma } from '@/lib/db'
import type { Settings } from '@/lib/settings/schema'
import { escapeHtml } from '@/lib/content/escape'
import { mediaUrl } from '@/lib/media/url'
import { BLOG_ACTOR } from './paths'

export const postObjectSelect = {
  id: true,
  slug: true,
  authorId: true,
  title: true,
  html: true,
  excerpt: true,
  password: true,
  pingsOpen: true,
  publishedAt: true,
  updatedAt: true,
  featuredImage: { select: { path: true, alt: true, mimeType: true, width: true, height: true } },
  tags: { select: { slug: true, name: true }, orderBy: { name: 'asc' } },
} satisfies Prisma.PostSelect

export type PostObject = Prisma.PostGetPayload<{ select: typeof postObjectSelect }>

const instant = (date: Date) => Temporal.Instant.from(date.toISOString())

export function postUrl(ctx: Context<void>, post: Pick<PostObject, 'slug'>): URL {
  return ctx.getObjectUri(Article, { slug: post.slug })
}

export type ObjectType = 'Article' | 'Note'

/**
 * How the author's settings shape a post on the fediverse: the object type (Settings), and whether a quote of it
 * is approved at once or may wait for moderation (FEP-044f's interaction policy, which Mastodon 4.5 reads before
 * offering to quote): quotes are responses, judged by the comment rules, so with first-time commenters held or
 * every response moderated, a quote may need the author's approval.
 */
export interface PostForm {
  type: ObjectType
  quotes: 'automatic' | 'manual'
}

export function postFormOf(
  settings: Pick<Settings, 'fediverseObjectType' | 'moderateAll' | 'holdFirstTimeCommenters'>,
): PostForm {
  return {
    type: settings.fediverseObjectType,
    quotes: settings.moderateAll || settings.holdFirstTimeCommenters ? 'manual' : 'automatic',
  }
}

const ARTICLE: PostForm = { type: 'Article', quotes: 'manual' }

/** What both forms of a post share: its address, picture, tags, dates, audience and who may quote it. */
function common(ctx: Context<void>, post: PostObject, form: PostForm) {
  const url = postUrl(ctx, post)
  const image = post.featuredImage
    ? new Image({
        url: new URL(mediaUrl(post.featuredImage.path), ctx.canonicalOrigin),
        mediaType: post.featuredImage.mimeType,
        name: post.featuredImage.alt || null,
        width: post.featuredImage.width,
        height: post.featuredImage.height,
      })
    : null
  return {
    id: url,
    url,
    attribution: ctx.getActorUri(BLOG_ACTOR),
    mediaType: 'text/html',
    attachments: image ? [image] : [],
    tags: post.tags.map(
      (tag) =>
        new Hashtag({ href: new URL(`/tags/${tag.slug}`, ctx.canonicalOrigin), name: `#${hashtagName(tag.name)}` }),
    ),
    published: post.publishedAt ? instant(post.publishedAt) : null,
    updated: post.publishedAt && post.updatedAt > post.publishedAt ? instant(post.updatedAt) : null,
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(BLOG_ACTOR),
    image,
    // Anyone may quote a post that takes mentions (pings open); a protected one (only its excerpt went out) or
    // one with pings off only the blog itself, as every other quote of it would be refused.
    interactionPolicy: new InteractionPolicy({
      canQuote: new InteractionRule(
        post.password || !post.pingsOpen
          ? { automaticApproval: ctx.getActorUri(BLOG_ACTOR) }
          : form.quotes === 'automatic'
            ? { automaticApproval: PUBLIC_COLLECTION }
            : { manualApproval: PUBLIC_COLLECTION },
      ),
    }),
  }
}

/** A protected post goes out as its title and link only: its body is for those who have the password. */
const bodyOf = (post: PostObject) => (post.password ? `<p>${escapeHtml(post.excerpt)}</p>` : post.html)

/**
 * The post as the author chose it to appear (Settings): an Article (title, summary, body), or a Note with the
 * title, the whole post and its link (a Note's `summary` would be a content warning in Mastodon, so it has
 * none). The same id either way.
 */
export function postObjectOf(ctx: Context<void>, post: PostObject, form: PostForm): Article | Note {
  if (form.type === 'Article') return articleOf(ctx, post, form)
  const { image: _image, ...parts } = common(ctx, post, form)
  const link = escapeHtml(parts.url.href)
  return new Note({
    ...parts,
    content: `<p><strong>${escapeHtml(post.title)}</strong></p>${bodyOf(post)}<p><a href="${link}">${link}</a></p>`,
  })
}

export function articleOf(ctx: Context<void>, post: PostObject, form: PostForm = ARTICLE): Article {
  return new Article({
    ...common(ctx, post, form),
    name: post.title,
    summary: post.excerpt ? `<p>${escapeHtml(post.excerpt)}</p>` : null,
    content: bodyOf(post),
  })
}

/** A hashtag is one word: "Customer service" → CustomerService. */
function hashtagName(name: string): string {
  return name
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')
}

export function createOf(ctx: Context<void>, post: PostObject, form: PostForm = ARTICLE): Create {
  const article = postObjectOf(ctx, post, form)
  return new Create({
    id: new URL(`${article.id!.href}#create`),
    actor: ctx.getActorUri(BLOG_ACTOR),
    object: article,
    published: article.published,
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(BLOG_ACTOR),
  })
}

/** An edit: each Update has its own id (servers drop an activity id seen before). */
export function updateOf(ctx: Context<void>, post: PostObject, form: PostForm = ARTICLE): Update {
  const article = postObjectOf(ctx, post, form)
  return new Update({
    id: new URL(`${article.id!.href}#update-${post.updatedAt.getTime()}`),
    actor: ctx.getActorUri(BLOG_ACTOR),
    object: article,
    updated: instant(post.updatedAt),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(BLOG_ACTOR),
  })
}

export function deleteOf(ctx: Context<void>, slug: string): Delete {
  const id = ctx.getObjectUri(Article, { slug })
  return new Delete({
    id: new URL(`${id.href}#delete-${Date.now()}`),
    actor: ctx.getActorUri(BLOG_ACTOR),
    object: new Tombstone({ id }),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(BLOG_ACTOR),
  })
}
