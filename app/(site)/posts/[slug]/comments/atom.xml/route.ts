import { feedResponse, getCommentsFeed } from '@/lib/feeds/queries'
import { listRecentPostSlugs } from '@/lib/posts/queries'
import { atLeastOne } from '@/lib/static-params'

export async function generateStaticParams() {
  const slugs = await listRecentPostSlugs({ limit: 20 })
  return atLeastOne(
    slugs.map((slug) => ({ slug })),
    { slug: 'hello-world' },
  )
}

/** A post's approved comments and mentions. */
export async function GET(_request: Request, { params }: RouteContext<'/posts/[slug]/comments/atom.xml'>) {
  const { slug } = await params
  return feedResponse(await getCommentsFeed({ format: 'atom', postSlug: slug }), 'atom')
}
