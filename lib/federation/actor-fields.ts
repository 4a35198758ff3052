// What every account of the blog (its own, an author's) says alike: its endpoints, its keys, the site icon and
// how it may be found. Each actor adds its names, summary, page and first date.
import type { Context } from '@fedify/fedify'
import { Endpoints, Image } from '@fedify/vocab'
import { iconQuery } from '@/lib/settings/site-icon'

export async function actorFields(ctx: Context<void>, identifier: string, siteIcon: string) {
  const keys = await ctx.getActorKeyPairs(identifier)
  return {
    id: ctx.getActorUri(identifier),
    icon: new Image({
      url: new URL(`/site-icon/icon-512.png${iconQuery(siteIcon)}`, ctx.canonicalOrigin),
      mediaType: 'image/png',
    }),
    inbox: ctx.getInboxUri(identifier),
    outbox: ctx.getOutboxUri(identifier),
    followers: ctx.getFollowersUri(identifier),
    following: ctx.getFollowingUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((key) => key.multikey),
    manuallyApprovesFollowers: false,
    discoverable: true,
    indexable: true,
  }
}
