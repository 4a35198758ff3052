import { db } from '@/lib/db'
import { escapeHtml } from '@/lib/content/escape'
import { BodyTooLarge, readBody, requestIp } from '@/lib/mentions/http'
import { receiveMention } from '@/lib/mentions/receive'
import { getSiteUrl } from '@/lib/settings/queries'


function reply(error: string | null, status = 200) {
  const body = error
    ? `<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>1</error>\n<message>${escapeHtml(error)}</message>\n</response>\n`
    : `<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>0</error>\n</response>\n`
  return new Response(body, { status, headers: { 'content-type': 'text/xml; charset=utf-8' } })
}

/** TrackBack 1.2: a form-encoded ping (url required; title, excerpt, blog_name) for one post. */
export async function POST(request: Request, { params }: RouteContext<'/trackback/[postId]'>) {
  const { postId } = await params
  let form: URLSearchParams
  try {
    form = new URLSearchParams(await readBody(request, 64 * 1024))
  } catch (error) {
    if (error instanceof BodyTooLarge) return reply('The ping is too large.', 413)
    throw error
  }
  const url = form.get('url')?.trim()
  if (!url) return reply('The url parameter is required.')
  const post = await db.post.findUnique({ where: { id: postId }, select: { slug: true } })
  if (!post) return reply('There is no such post.', 404)
  const outcome = await receiveMention({
    kind: 'TRACKBACK',
    source: url,
    target: `${await getSiteUrl()}/posts/${post.slug}`,
    ip: requestIp(request),
    claimed: { title: form.get('title') ?? undefined, excerpt: form.get('excerpt') ?? undefined, blogName: form.get('blog_name') ?? undefined },
  })
  return outcome.ok ? reply(null) : reply(outcome.message)
}

export function GET() {
  return reply('TrackBack pings are sent with POST.', 405)
}
