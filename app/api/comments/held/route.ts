import { heldCommentIds, markedHeldPosts, markHeldPosts } from '@/lib/comments/cookies'
import { listHeldComments } from '@/lib/comments/queries'

/**
 * The caller's own comments awaiting moderation on a post, known from their signed cookie. The form asks only
 * when the companion cookie names the post; once none is held there any more (approved, trashed), the post
 * leaves that cookie, so later views ask nothing.
 */
export async function GET(request: Request) {
  const post = new URL(request.url).searchParams.get('post') ?? ''
  if (!/^[\w-]{1,40}$/.test(post)) return Response.json({ error: 'post is required' }, { status: 400 })
  const held = await listHeldComments({ postId: post, ids: await heldCommentIds() })
  if (held.length === 0) {
    const marked = await markedHeldPosts()
    if (marked.includes(post)) await markHeldPosts(marked.filter((p) => p !== post))
  }
  return Response.json({ held }, { headers: { 'cache-control': 'private, no-store' } })
}
