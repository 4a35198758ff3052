// Saving a post: slug, rendering, status transitions, revisions, old-URL redirects and tags, in one transaction.
import 'server-only'
import { db } from '@/lib/db'
import { tags as cacheTags } from '@/lib/cache/tags'
import { renderStoredPost } from './render'
import { RESERVED_PAGE_SLUGS } from './reserved'
import { slugify, uniqueSlug } from '@/lib/content/slug'
import { zonedTime } from '@/lib/time-zone'
import type { CurrentUser } from '@/lib/auth/session'
import { canEditPost } from '@/lib/auth/roles'
import { ForbiddenError, InvalidInputError } from '@/lib/errors'
import type { PostInput } from './schema'

/** A post that cannot be saved as sent, said beside the field at fault. */
export class PostInputError extends InvalidInputError {
  constructor(field: keyof PostInput | 'form', message: string) {
    super(message, field)
  }
}

export interface SaveResult {
  id: string
  slug: string
  status: 'DRAFT' | 'SCHEDULED' | 'PUBLISHED'
  /** Cache tags the save touched. */
  touched: string[]
}

/** Turns "2030-01-02T09:30" (or with seconds) in the site's zone into an instant. */
export function parseLocalDateTime(value: string, timezone: string): Date {
  const [date, time] = value.split('T') as [string, string]
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [h, min, sec = 0] = time.split(':').map(Number) as [number, number, number?]
  return new Date(zonedTime(y, m, d, h, min, timezone).getTime() + sec * 1000)
}

export async function savePost(
  user: CurrentUser,
  id: string | null,
  input: PostInput,
  { timezone, now = new Date(), onlyIfDraft = false }: { timezone: string; now?: Date; onlyIfDraft?: boolean },
): Promise<SaveResult> {
  const existing = id
    ? await db.post.findUnique({ where: { id }, include: { tags: { select: { slug: true } } } })
    : null
  if (id && !existing) throw new PostInputError('form', 'This post no longer exists.')
  if (existing && !canEditPost(user, existing)) throw new ForbiddenError('You can only edit your own posts.')

  // Slug: the author's choice must be free; a generated one takes the first free variant.
  const taken = async (slug: string) =>
    !!(await db.post.findFirst({ where: { slug, NOT: id ? { id } : undefined }, select: { id: true } }))
  let slug: string
  if (input.slug) {
    if (await taken(input.slug)) throw new PostInputError('slug', 'Another post already uses this slug')
    slug = input.slug
  } else {
    slug = existing?.slug ?? (await uniqueSlug(slugify(input.title), taken))
  }

  // A post stays a post and a page a page: the type comes from the form only when creating (a forged field on
  // an edit would move the address and leave its redirects under the wrong prefix).
  const type = existing?.type ?? input.type
  if (type === 'PAGE' && RESERVED_PAGE_SLUGS.has(slug)) {
    if (input.slug) throw new PostInputError('slug', `“${slug}” is an address the site itself uses; choose another`)
    slug = await uniqueSlug(`${slug}-page`, taken)
  }

  // Status and publication time.
  const wasLive =
    existing?.status === 'PUBLISHED' ||
    (existing?.status === 'SCHEDULED' && !!existing.publishedAt && existing.publishedAt <= now)
  let status: SaveResult['status']
  let publishedAt: Date | null
  switch (input.intent) {
    case 'draft':
    case 'unpublish':
      status = 'DRAFT'
      publishedAt = null
      break
    case 'publish':
      status = 'PUBLISHED'
      publishedAt = wasLive && existing?.publishedAt ? existing.publishedAt : now
      break
    case 'schedule': {
      const at = parseLocalDateTime(input.publishAt!, timezone)
      if (at.getTime() <= now.getTime())
        throw new PostInputError('publishAt', 'Pick a time in the future, or publish now')
      status = 'SCHEDULED'
      publishedAt = at
      break
    }
    case 'update':
      status = existing?.status === 'DRAFT' || !existing ? 'PUBLISHED' : existing.status
      publishedAt = existing?.publishedAt ?? now
      break
  }

  // Imported posts stay HTML; everything written here is Markdown.
  const format = existing?.format ?? 'MARKDOWN'
  const rendered = await renderStoredPost({
    format,
    source: input.source,
    excerpt: input.excerpt,
    password: input.password,
  })
  const tagSlugs = input.tags.map((name) => ({ name, slug: slugify(name) })).filter((t) => t.slug)
  const data = {
    type,
    slug,
    title: input.title,
    format,
    password: input.password,
    source: input.source,
    html: rendered.html,
    plainText: rendered.plainText,
    excerpt: rendered.excerpt,
    wordCount: rendered.wordCount,
    status,
    publishedAt,
    commentsOpen: input.commentsOpen,
    pingsOpen: input.pingsOpen,
    featuredImageId: input.featuredImageId,
    tags: {
      set: [],
      connectOrCreate: tagSlugs.map((t) => ({ where: { slug: t.slug }, create: { slug: t.slug, name: t.name } })),
    },
  }

  const saved = await db.$transaction(async (tx) => {
    if (!existing)
      return tx.post.create({
        data: { ...data, authorId: user.id, tags: { connectOrCreate: data.tags.connectOrCreate } },
      })
    // An autosave that raced a Publish click must not turn the post back into a draft: checked inside the
    // transaction, where no other write can come between the check and the update.
    if (
      onlyIfDraft &&
      (await tx.post.findUnique({ where: { id: existing.id }, select: { status: true } }))?.status !== 'DRAFT'
    ) {
      throw new PostInputError('form', 'The post is no longer a draft; autosave stopped.')
    }
    const changed =
      existing.title !== input.title || existing.source !== input.source || existing.excerpt !== rendered.excerpt
    // Every save of a published post keeps the version it replaces.
    if (wasLive && changed) {
      await tx.revision.create({
        data: {
          postId: existing.id,
          title: existing.title,
          source: existing.source,
          excerpt: existing.excerpt,
          authorId: user.id,
        },
      })
    }
    if (existing.slug !== slug) {
      const prefix = existing.type === 'PAGE' ? '' : '/posts'
      await tx.redirect.deleteMany({ where: { fromPath: `${prefix}/${slug}` } })
      // The old address may still hold a redirect from a post that lived there before this one: it is this
      // post's now (creating a second row would break the unique fromPath and the save with it).
      const fromPath = `${prefix}/${existing.slug}`
      if (wasLive)
        await tx.redirect.upsert({
          where: { fromPath },
          create: { fromPath, postId: existing.id },
          update: { postId: existing.id },
        })
    }
    return tx.post.update({ where: { id: existing.id }, data })
  })

  // The comments tag too: whether a post's responses are public depends on its status and password.
  const touched = [
    cacheTags.posts,
    cacheTags.post(slug),
    cacheTags.comments(saved.id),
    ...tagSlugs.map((t) => cacheTags.tag(t.slug)),
  ]
  if (existing) touched.push(cacheTags.post(existing.slug), ...existing.tags.map((t) => cacheTags.tag(t.slug)))
  return { id: saved.id, slug, status, touched }
}
