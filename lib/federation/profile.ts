// The blog's profile changed (Settings: its title, tagline or handle): followers' servers are sent an Update of
// the actor, so the new name and handle show there without waiting for them to fetch it again.
import 'server-only'
import { Update } from '@fedify/vocab'
import { db } from '@/lib/db'
import { BLOG_ACTOR } from './paths'

/** Never throws: the settings are saved whatever happens to the delivery (which is logged). */
export async function sendProfileUpdate(): Promise<void> {
  try {
    if ((await db.follower.count({ where: { actor: BLOG_ACTOR } })) === 0) return
    const { blogActor, siteContext } = await import('./federation')
    const ctx = await siteContext()
    const actor = await blogActor(ctx)
    const id = ctx.getActorUri(BLOG_ACTOR)
    await ctx.sendActivity(
      { identifier: BLOG_ACTOR },
      'followers',
      new Update({ id: new URL(`#profile-${Date.now()}`, id), actor: id, object: actor }),
      { preferSharedInbox: true },
    )
  } catch (error) {
    console.error('daisy: the profile change could not be sent to the fediverse', error)
  }
}
