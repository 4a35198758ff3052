import { connection } from 'next/server'
import { getSettings } from '@/lib/settings/queries'

/**
 * Where the blog has moved (Settings → This blog has moved to), for the front door (server/site-move.ts), which
 * redirects reader pages there before the page cache, and reads this again when the settings change. Public, as
 * every redirect says it anyway; a cached read.
 */
export async function GET() {
  // Asked at request time, never prerendered at build time.
  await connection()
  const { siteMovedTo } = await getSettings()
  return Response.json({ movedTo: siteMovedTo || null }, { headers: { 'cache-control': 'no-store' } })
}
