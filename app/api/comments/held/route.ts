import { heldCommentIds } from '@/lib/comments/cookies'
import { listHeldComments } from '@/lib/comments/queries'

/** The caller's own comments awaiting moderation on a post, known from their signed cookie. */
export async function GET(request: Request) {
  const post = new URL(request.url).searchParams.get('post') ?? ''
  if (!/^[\w-]{1,40}$/.test(post)) return Response.json({ error: 'post is required' }, { status: 400 })
  const held = await listHeldComments({ postId: post, ids: await heldCommentIds() })
  return Response.json({ held }, { headers: { 'cache-control': 'private, no-store' } })
}
