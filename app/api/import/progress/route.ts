// How far the running (or last) import has got, for the admin page's progress bar. ADMIN only.
import { getCurrentUser } from '@/lib/auth/session'
import { currentImport } from '@/lib/import/job'

export async function GET() {
  const user = await getCurrentUser()
  if (!user) return Response.json({ error: 'Sign in first.' }, { status: 401 })
  if (user.role !== 'ADMIN') return Response.json({ error: 'Only an administrator can import.' }, { status: 403 })
  return Response.json(currentImport() ?? { running: false, phase: 'reading', done: 0, total: 0 }, {
    headers: { 'cache-control': 'no-store' },
  })
}
