// The admin download of an export: ADMIN only, checked by withUser (route handlers get no layout).
import 'server-only'
import { db } from '@/lib/db'
import { withUser } from '@/lib/auth/route'
import { getSiteUrl } from '@/lib/settings/queries'
import { loadExportData, toJson, toWxr } from './data'

/** The GET handler of /admin/export/<format>. */
export function exportRoute(format: 'wxr' | 'json'): () => Promise<Response> {
  return withUser(
    { role: 'ADMIN', refused: 'Only an administrator can export the blog.', format: 'text' },
    async () => {
      const data = await loadExportData(db, await getSiteUrl())
      const stamp = new Date().toISOString().slice(0, 10)
      const body = format === 'wxr' ? toWxr(data) : toJson(data)
      return new Response(body, {
        headers: {
          'content-type': format === 'wxr' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="daisy-${stamp}.${format === 'wxr' ? 'wxr.xml' : 'json'}"`,
          'cache-control': 'private, no-store',
        },
      })
    },
  )
}
