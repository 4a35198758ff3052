import { exportRoute } from '@/lib/export/download'

/** Everything as JSON (users without password hashes). */
export const GET = exportRoute('json')
