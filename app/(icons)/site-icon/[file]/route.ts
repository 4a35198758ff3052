import { isIconFile } from '@/lib/settings/icon-files'
import { iconResponse } from '@/lib/settings/site-icon'

/** The other sizes of the site icon (tab PNG, manifest icons), by file name. */
export async function GET(request: Request, { params }: RouteContext<'/site-icon/[file]'>) {
  const { file } = await params
  if (!isIconFile(file)) return new Response('Not found\n', { status: 404 })
  return iconResponse(request, file)
}
