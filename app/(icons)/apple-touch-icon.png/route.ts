import { iconResponse } from '@/lib/settings/site-icon'

/** The home-screen icon iOS asks for at this address even when a page names none. */
export async function GET(request: Request) {
  return iconResponse(request, 'apple-touch-icon.png')
}
