// Which post a linkback is for: the target must be an address of a visible post on this site that takes pings.
import 'server-only'
import { db } from '@/lib/db'
import { getAllSettings, siteUrlOf } from '@/lib/settings/queries'
import { visiblePostsWhere } from '@/lib/posts/visibility'
import { normalizeUrl } from './verify'
import type { Refusal } from './kinds'

export interface TargetPost {
  id: string
  slug: string
  pingsOpen: boolean
}

/** Finds the post a target URL names: it must be on this site, at /posts/<slug>, published. */
export async function resolveTarget(
  target: string,
): Promise<{ post: TargetPost } | { code: Refusal; message: string }> {
  const normalized = normalizeUrl(target)
  const site = normalizeUrl(siteUrlOf(await getAllSettings()))
  if (!normalized || !site) return { code: 'TARGET_MISSING', message: 'The target is not a web address.' }
  const siteUrl = new URL(site)
  const url = new URL(normalized)
  if (url.host !== siteUrl.host || url.protocol !== siteUrl.protocol)
    return { code: 'TARGET_MISSING', message: 'The target is not on this site.' }
  const match = /^\/posts\/([a-z0-9-]+)$/.exec(url.pathname)
  if (!match) return { code: 'TARGET_CLOSED', message: 'The target is not a post that accepts linkbacks.' }
  let post = await db.post.findFirst({
    where: { ...visiblePostsWhere(), slug: match[1] },
    select: { id: true, slug: true, pingsOpen: true },
  })
  if (!post) {
    // An old address of a post (renamed, or imported from WordPress), as findRedirect reads it: only while the
    // post it leads to is visible, so a trashed or unpublished post takes no linkbacks at its old addresses.
    const redirect = await db.redirect.findFirst({
      where: { fromPath: url.pathname, post: visiblePostsWhere() },
      select: { post: { select: { id: true, slug: true, pingsOpen: true } } },
    })
    post = redirect?.post ?? null
  }
  if (!post) return { code: 'TARGET_MISSING', message: 'There is no such post.' }
  if (!post.pingsOpen) return { code: 'TARGET_CLOSED', message: 'This post does not accept linkbacks.' }
  return { post }
}
