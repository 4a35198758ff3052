// What every account of the blog (its own, an author's) says alike: its endpoints, its keys, the site icon and
// how it may be found. Each actor adds its names, summary, page and first date.
import type { Context } from '@fedify/fedify'
import { Endpoints, Image } from '@fedify/vocab'
import { iconQuery } from '@/lib/settings/site-icon'
import type { Settings } from '@/lib/settings/schema'

export async function actorFields(
  ctx: Context<void>,
  identifier: string,
  settings: Pick<Settings, 'siteIcon' | 'fediverseApproveFollowers'>,
) {
  const keys = await ctx.getActorKeyPairs(identifier)
  return {
    id: ctx.getActorUri(identifier),
    icon: new Image({
      url: new URL(`/site-icon/icon-512.png${iconQuery(settings.siteIcon)}`, ctx.canonicalOrigin),
      mediaType: 'image/png',
    }),
    inbox: ctx.getInboxUri(identifier),
    outbox: ctx.getOutboxUri(identifier),
    followers: ctx.getFollowersUri(identifier),
    following: ctx.getFollowingUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((key) => key.multikey),
    // With approval on, a follow waits for the author (lib/federation/follows.ts), as the account says here.
    manuallyApprovesFollowers: settings.fediverseApproveFollowers,
    discoverable: true,
    indexable: true,
  }
}
