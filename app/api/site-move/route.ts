import { getSettings } from '@/lib/settings/queries'
import { isWorkerRequest } from '@/lib/http/worker-secret'

/**
 * Where the blog has moved (Settings → This blog has moved to), for the front door (server/site-move.ts), which
 * redirects reader pages there before the page cache. Secret-gated; read again when the settings expire.
 */
export async function GET(request: Request) {
  if (!isWorkerRequest(request)) return Response.json({ error: 'forbidden' }, { status: 403 })
  const { siteMovedTo } = await getSettings()
  return Response.json({ movedTo: siteMovedTo || null }, { headers: { 'cache-control': 'no-store' } })
}
