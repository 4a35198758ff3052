// How far the running (or last) import has got, on whichever node runs it, for the admin page's progress bar.
// ADMIN only.
import { withUser } from '@/lib/auth/route'
import { currentImport } from '@/lib/import/job'

export const GET = withUser({ role: 'ADMIN', refused: 'Only an administrator can import.' }, async () =>
  Response.json((await currentImport()) ?? { running: false, phase: 'reading', done: 0, total: 0 }, {
    headers: { 'cache-control': 'no-store' },
  }),
)
