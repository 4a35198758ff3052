// The author answering a reply that came from the fediverse: the answer (written in the admin area, or on the
// post page while signed in) goes back as a Note in reply to the note it answers, mentioning its writer, so the
// conversation goes on on both sides. Each answer is a Note at its own address (/fediverse/notes/<id>).
import 'server-only'
import type { Context } from '@fedify/fedify'
import { Create, Mention, Note, PUBLIC_COLLECTION, isActor } from '@fedify/vocab'
import { Temporal } from '@js-temporal/polyfill'
import { db } from '@/lib/db'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { escapeHtml } from '@/lib/content/escape'
import { BLOG_ACTOR } from './paths'

const answerSelect = {
  id: true,
  html: true,
  createdAt: true,
  userId: true,
  status: true,
  post: { select: { slug: true } },
  parent: { select: { remoteId: true, remoteActorId: true, authorHandle: true, authorUrl: true } },
} as const

type Answer = NonNullable<Awaited<ReturnType<typeof loadAnswer>>>

async function loadAnswer(id: string) {
  const answer = await db.comment.findFirst({
    where: {
      id,
      status: 'APPROVED',
      userId: { not: null },
      parent: { remoteId: { not: null } },
      // Only under a post the fediverse can see (a protected or trashed one's answers stay on the blog).
      post: { ...visiblePostsWhere(), password: null },
    },
    select: answerSelect,
  })
  return answer?.parent?.remoteId && answer.parent.remoteActorId ? answer : null
}

export function noteOf(ctx: Context<void>, answer: Answer): Note {
  const parent = answer.parent!
  const handle = parent.authorHandle ?? parent.remoteActorId!
  const profile = parent.authorUrl ?? parent.remoteActorId!
  const mention = `<p><span class="h-card"><a href="${escapeHtml(profile)}" class="u-url mention">${escapeHtml(handle)}</a></span></p>`
  return new Note({
    id: ctx.getObjectUri(Note, { id: answer.id }),
    attribution: ctx.getActorUri(BLOG_ACTOR),
    content: `${mention}${answer.html}`,
    mediaType: 'text/html',
    replyTarget: new URL(parent.remoteId!),
    url: new URL(`/posts/${answer.post.slug}#comment-${answer.id}`, ctx.canonicalOrigin),
    tags: [new Mention({ href: new URL(parent.remoteActorId!), name: handle })],
    published: Temporal.Instant.from(answer.createdAt.toISOString()),
    to: PUBLIC_COLLECTION,
    ccs: [new URL(parent.remoteActorId!), ctx.getFollowersUri(BLOG_ACTOR)],
  })
}

/** A Note the blog wrote, for whoever asks for it at its address. */
export async function answerNote(ctx: Context<void>, id: string): Promise<Note | null> {
  const answer = await loadAnswer(id)
  return answer ? noteOf(ctx, answer) : null
}

/**
 * Sends an answer the author just wrote, when the comment it answers came from the fediverse. Never throws:
 * the answer is published on the blog whatever happens to its delivery (which is logged).
 */
export async function sendAnswer(commentId: string): Promise<void> {
  try {
    const answer = await loadAnswer(commentId)
    if (!answer) return
    const { siteContext } = await import('./federation')
    const ctx = await siteContext()
    const note = noteOf(ctx, answer)
    const create = new Create({
      id: new URL(`${note.id!.href}#create`),
      actor: ctx.getActorUri(BLOG_ACTOR),
      object: note,
      published: note.published,
      to: PUBLIC_COLLECTION,
      ccs: note.ccIds,
    })
    const writer = await ctx.lookupObject(answer.parent!.remoteActorId!)
    if (writer && isActor(writer))
      await ctx.sendActivity({ identifier: BLOG_ACTOR }, writer, create, { preferSharedInbox: true })
    await ctx.sendActivity({ identifier: BLOG_ACTOR }, 'followers', create, { preferSharedInbox: true })
  } catch (error) {
    console.error('daisy: the answer could not be sent to the fediverse', error)
  }
}
