// The admin download of an export: ADMIN only, checked here (route handlers get no layout).
import 'server-only'
import { db } from '@/lib/db'
import { getCurrentUser } from '@/lib/auth/session'
import { getSiteUrl } from '@/lib/settings/queries'
import { loadExportData, toJson, toWxr } from './data'

export async function exportResponse(format: 'wxr' | 'json'): Promise<Response> {
  const user = await getCurrentUser()
  if (!user) return new Response('Sign in first.\n', { status: 401 })
  if (user.role !== 'ADMIN') return new Response('Only an administrator can export the blog.\n', { status: 403 })
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
}
