import { issueFormToken } from '@/lib/comments/form-token'

/** A fresh time-trap token, for a form whose cached page carries one close to expiry (components/comment-form.tsx). */
export async function GET(request: Request) {
  const post = new URL(request.url).searchParams.get('post') ?? ''
  if (!/^[\w-]{1,40}$/.test(post)) return Response.json({ error: 'post is required' }, { status: 400 })
  return Response.json({ token: issueFormToken(post) }, { headers: { 'cache-control': 'no-store' } })
}
