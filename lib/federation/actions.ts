'use server'
// The admin's one action on followers: remove one. Its server is told with a Reject of its Follow (what Mastodon
// sends when an account removes a follower), so it stops showing the blog as followed.
import { z } from 'zod'
import { refresh } from 'next/cache'
import { Follow, Reject } from '@fedify/vocab'
import { requireRole } from '@/lib/auth/session'
import { db } from '@/lib/db'
import { siteContext } from './federation'

export async function removeFollower(followerId: string): Promise<void> {
  await requireRole('ADMIN', '/admin/fediverse')
  const follower = await db.follower.findUnique({ where: { id: z.string().max(40).parse(followerId) } })
  if (!follower) return refresh()
  await db.follower.delete({ where: { id: follower.id } })
  const ctx = await siteContext()
  const blog = ctx.getActorUri(follower.actor)
  await ctx
    .sendActivity(
      { identifier: follower.actor },
      { id: new URL(follower.remoteId), inboxId: new URL(follower.inbox), endpoints: null },
      new Reject({
        id: new URL(`#reject-${follower.id}`, blog),
        actor: blog,
        object: new Follow({
          id: follower.followId ? new URL(follower.followId) : null,
          actor: new URL(follower.remoteId),
          object: blog,
        }),
      }),
    )
    .catch((error: unknown) => console.error('daisy: the Reject could not be queued', error))
  refresh()
}
