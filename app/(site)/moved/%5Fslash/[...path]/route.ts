// Every address that ends in a slash (next.config.mjs rewrites `/x/` to /moved/_slash/x; the folder is
// spelled %5Fslash because Next keeps `_folders` private): one 308 to where it lives now. An old permalink or
// a renamed post's old address goes to its post; any other address to itself without the slash, query kept,
// as Next's own trailing-slash redirect did. A route handler, not a page: it needs the query, and a page that
// reads it streams its redirect instead of answering 308.
import { findMovedTarget } from '@/lib/posts/moved'
import { oldPath } from '@/lib/posts/redirect-path'

async function answer(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await params
  const moved = await findMovedTarget(oldPath(path))
  // Next hands the segments over decoded; a Location header must be ASCII.
  const location = moved ? encodeURI(moved) : `/${path.map(encodeURIComponent).join('/')}${new URL(request.url).search}`
  return new Response(null, { status: 308, headers: { Location: location } })
}

// 308 keeps the method, so a form or protocol client that posts to `/x/` lands on `/x` as before.
export {
  answer as GET,
  answer as HEAD,
  answer as POST,
  answer as PUT,
  answer as PATCH,
  answer as DELETE,
  answer as OPTIONS,
}
