import { exportResponse } from '@/lib/export/download'

/** The blog as WXR 1.2, for WordPress's importer (or Daisy's). */
export function GET() {
  return exportResponse('wxr')
}
