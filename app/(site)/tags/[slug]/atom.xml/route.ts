import { feedResponse, getPostsFeed } from '@/lib/feeds/queries'
import { listTagsWithCounts } from '@/lib/posts/archive'
import { atLeastOne } from '@/lib/static-params'

export async function generateStaticParams() {
  const all = await listTagsWithCounts()
  return atLeastOne(
    all.slice(0, 20).map((t) => ({ slug: t.slug })),
    { slug: 'untagged' },
  )
}

/** One tag's feed. */
export async function GET(_request: Request, { params }: RouteContext<'/tags/[slug]/atom.xml'>) {
  const { slug } = await params
  return feedResponse(await getPostsFeed({ format: 'atom', tagSlug: slug }), 'atom')
}
