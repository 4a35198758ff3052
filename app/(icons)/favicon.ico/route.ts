import { iconResponse } from '@/lib/settings/site-icon'

/**
 * The favicon browsers ask for on their own: the uploaded site icon, or Daisy's. The (icons) group is
 * needed: Next takes a bare app/favicon.ico/route.ts for its static favicon convention and runs it without
 * the manifests that cached functions need.
 */
export async function GET(request: Request) {
  return iconResponse(request, 'favicon.ico')
}
