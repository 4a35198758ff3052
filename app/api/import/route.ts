// The admin upload of a WordPress export: ADMIN only, one import at a time (lib/import/upload.ts); the report
// is returned as JSON while the page shows progress from /api/import/progress. Outside /admin so the proxy
// never buffers the body.
import { withUser } from '@/lib/auth/route'
import { AppError, ForbiddenError } from '@/lib/errors'
import { reportLines } from '@/lib/import/report'
import { importUpload } from '@/lib/import/upload'
import { WxrError } from '@/lib/import/wxr-parse'

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'cache-control': 'no-store' } })

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

export const POST = withUser(
  { role: 'ADMIN', refused: 'Only an administrator can import.' },
  async (user, request: Request) => {
    // The session cookie is SameSite=Lax already; a request from another site is refused outright too.
    // `Origin: null` (a sandboxed frame, a redirect across sites) is another site too.
    const origin = request.headers.get('origin')
    if (origin !== null && originHost(origin) !== request.headers.get('host'))
      throw new ForbiddenError('Cross-site request refused.')
    try {
      const declared = Number(request.headers.get('content-length') ?? 0)
      const report = await importUpload(request.body, declared, user.id)
      return json(
        { report: { ...report, touched: undefined }, lines: reportLines(report) },
        report.stoppedAt ? 500 : 200,
      )
    } catch (error) {
      if (error instanceof AppError) throw error
      if (error instanceof WxrError)
        return json(
          { error: `This file cannot be imported: ${error.message}. Nothing was imported.`, line: error.line },
          400,
        )
      console.error('import failed', error)
      return json(
        {
          error:
            'The import failed unexpectedly; see the server log. Whole items imported before the failure stay; importing the file again continues.',
        },
        500,
      )
    }
  },
)
