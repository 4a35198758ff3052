// Posts going out to the blog's followers. Each save, trash, restore or deletion of a post queues one job for it
// (at its publication time when it is scheduled); the job compares what the post is now with what the fediverse
// was last told (FederatedPost) and sends what is missing: Create when it became public, Update after an edit,
// Delete when it is no longer public. Sending twice is harmless (the ids say which is which), and a job that
// finds nothing to say says nothing.
import 'server-only'
import { db } from '@/lib/db'
import { defineJobKind } from '@/lib/jobs/runner'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { getAllSettings } from '@/lib/settings/queries'
import { createOf, deleteOf, postFormOf, postObjectSelect, updateOf } from './article'
import { BLOG_ACTOR } from './paths'
import { runFediverseJobsSoon } from './queue'
import { announceOf, findAuthor } from './authors'

export const postDeliveries = defineJobKind<{ postId: string }>({
  name: 'fediverse-post',
  maxAttempts: 5,
  retryMinutes: 1,
  batch: 20,
  async handle({ postId }) {
    return { ok: true, result: await tellFollowers(postId) }
  },
})

/** Queues the post's next word to the fediverse: now, or when a scheduled post goes live. */
export async function queuePostDelivery(postId: string): Promise<void> {
  const post = await db.post.findUnique({ where: { id: postId }, select: { publishedAt: true, status: true } })
  const runAfter =
    post && post.status !== 'DRAFT' && post.publishedAt && post.publishedAt > new Date() ? post.publishedAt : new Date()
  // A job still queued (a scheduled post saved again with another time) runs at the new time; one already
  // running may have read the post before this save, so another is queued after it.
  const queued = await db.job.findFirst({
    where: { kind: postDeliveries.name, key: postId, status: 'QUEUED' },
    select: { id: true },
  })
  if (queued) await db.job.update({ where: { id: queued.id }, data: { runAfter } })
  else
    await db.job.create({
      data: { kind: postDeliveries.name, key: postId, payload: JSON.stringify({ postId }), runAfter },
    })
  if (runAfter.getTime() <= Date.now()) runPostDeliveriesSoon()
}

function runPostDeliveriesSoon(): void {
  setTimeout(() => {
    postDeliveries.run().catch((error: unknown) => console.error('daisy: fediverse posts', error))
  }, 0).unref()
}

/** Sends what the followers are missing about one post; says what it did. */
export async function tellFollowers(postId: string): Promise<string> {
  const { siteContext } = await import('./federation')
  const ctx = await siteContext()
  const form = postFormOf(await getAllSettings())
  const [post, sent] = await Promise.all([
    db.post.findFirst({ where: { ...visiblePostsWhere(), id: postId }, select: postObjectSelect }),
    db.federatedPost.findUnique({ where: { postId } }),
  ])
  let said: string
  if (post && (!sent || sent.slug !== post.slug)) {
    // A renamed post is a new object at its new address: the old one is taken back first.
    if (sent)
      await ctx.sendActivity({ identifier: BLOG_ACTOR }, 'followers', deleteOf(ctx, sent.slug), {
        preferSharedInbox: true,
      })
    await ctx.sendActivity({ identifier: BLOG_ACTOR }, 'followers', createOf(ctx, post, form), {
      preferSharedInbox: true,
    })
    // Those who follow its author (and not necessarily the blog) get it as the author's boost.
    if ((await db.follower.count({ where: { actor: post.authorId } })) > 0 && (await findAuthor(post.authorId)))
      await ctx.sendActivity({ identifier: post.authorId }, 'followers', announceOf(ctx, post.authorId, post), {
        preferSharedInbox: true,
      })
    said = 'Create'
  } else if (post && sent && post.updatedAt > sent.version) {
    await ctx.sendActivity({ identifier: BLOG_ACTOR }, 'followers', updateOf(ctx, post, form), {
      preferSharedInbox: true,
    })
    said = 'Update'
  } else if (!post && sent) {
    await ctx.sendActivity({ identifier: BLOG_ACTOR }, 'followers', deleteOf(ctx, sent.slug), {
      preferSharedInbox: true,
    })
    await db.federatedPost.delete({ where: { postId } })
    return 'Delete'
  } else {
    return 'nothing new'
  }
  await db.federatedPost.upsert({
    where: { postId },
    create: { postId, slug: post.slug, version: post.updatedAt },
    update: { slug: post.slug, version: post.updatedAt, sentAt: new Date() },
  })
  runFediverseJobsSoon()
  return said
}
