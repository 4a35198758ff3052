import { exportResponse } from '@/lib/export/download'

/** Everything as JSON (users without password hashes). */
export function GET() {
  return exportResponse('json')
}
