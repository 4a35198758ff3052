import { escapeHtml } from '@/lib/content/escape'
import { BodyTooLarge, readBody } from '@/lib/http/read-body'
import { clientIp } from '@/lib/http/client-ip'
import { linkbackWait, REFUSAL_STATUS } from '@/lib/mentions/http'
import { expireTags } from '@/lib/cache'
import { trackbackTarget } from '@/lib/mentions/queries'
import { receiveMention } from '@/lib/mentions/receive'

/** TrackBack's response: `<error>0</error>`, or 1 and the reason, with a status saying the same to HTTP clients. */
function reply(error: string | null, status = 200, headers: Record<string, string> = {}) {
  const body = error
    ? `<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>1</error>\n<message>${escapeHtml(error)}</message>\n</response>\n`
    : `<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>0</error>\n</response>\n`
  return new Response(body, { status, headers: { 'content-type': 'text/xml; charset=utf-8', ...headers } })
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
  if (!url) return reply('The url parameter is required.', 400)
  const ip = clientIp(request.headers)
  const wait = await linkbackWait(ip, url, postId)
  if (wait)
    return reply(`Too many pings from your address. Try again in ${wait} seconds.`, 429, {
      'retry-after': String(wait),
    })
  const target = await trackbackTarget(postId)
  if (!target) return reply('There is no such post.', 404)
  const outcome = await receiveMention({
    kind: 'TRACKBACK',
    source: url,
    target,
    ip,
    claimed: {
      title: form.get('title') ?? undefined,
      excerpt: form.get('excerpt') ?? undefined,
      blogName: form.get('blog_name') ?? undefined,
    },
  })
  expireTags(outcome.touched)
  return outcome.ok ? reply(null) : reply(outcome.message, REFUSAL_STATUS[outcome.code])
}

export function GET() {
  return reply('TrackBack pings are sent with POST.', 405, { allow: 'POST' })
}
