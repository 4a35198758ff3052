// A post as the fediverse fetches it, read and serialised once and kept until it changes: when a post goes out to
// a thousand instances, each fetches it back for its preview at once (the "stampede"), and a query and a JSON-LD
// serialisation each were what held the readers up behind them on two nodes.
import 'server-only'
import { cacheLife, cacheTag } from 'next/cache'
import { db } from '@/lib/db'
import { cacheArgs, slugArg } from '@/lib/cache/args'
import { tags } from '@/lib/cache/tags'
import { publicationLife, visiblePostsWhere } from '@/lib/posts/visibility'
import { getSettings } from '@/lib/settings/queries'
import { postFormOf, postObjectOf, postObjectSelect, type PostObject } from './article'

/**
 * The visible post at `slug`, in the shape its ActivityPub object is made from, tagged with the post (and kept
 * until the next scheduled publication, like the post's page). A cached read can be called by anyone (Next makes
 * it a server reference), so a protected post's body and password never leave: `password` only says that there
 * is one, which is all the object needs (it then carries the excerpt).
 */
export async function getFederatedPost(...args: [slug: string]): Promise<PostObject | null> {
  'use cache'
  const slug = cacheArgs(slugArg, args)
  cacheTag(tags.post(slug), tags.posts)
  cacheLife(await publicationLife())
  const post = await db.post.findFirst({ where: { ...visiblePostsWhere(), slug }, select: postObjectSelect })
  return post && (post.password ? { ...post, html: '', password: 'protected' } : post)
}

/**
 * The post's ActivityPub object as sent to every server that asks for it unsigned (secure fetch off): the JSON the
 * library would make (the same object, serialised the same way), made once per change of the post, the posts or
 * the settings (the object's form), not once per request — serialising it was most of what each fetch cost.
 */
export async function getFederatedPostJson(...args: [slug: string]): Promise<string | null> {
  'use cache'
  const slug = cacheArgs(slugArg, args)
  cacheTag(tags.post(slug), tags.posts, tags.settings)
  cacheLife(await publicationLife())
  const post = await getFederatedPost(slug)
  if (!post) return null
  const { siteContext } = await import('./federation')
  const ctx = await siteContext()
  return JSON.stringify(await postObjectOf(ctx, post, postFormOf(await getSettings())).toJsonLd(ctx))
}
