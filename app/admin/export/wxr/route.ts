import { exportRoute } from '@/lib/export/download'

/** The blog as WXR 1.2, for WordPress's importer (or Daisy's). */
export const GET = exportRoute('wxr')
