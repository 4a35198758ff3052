import type { Metadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import { getPublishedPage, listPageSlugs } from '@/lib/posts/pages'
import { findRedirect } from '@/lib/posts/queries'
import { pageAlternates } from '@/lib/feeds/queries'
import { atLeastOne } from '@/lib/static-params'
import { PostBody } from '@/components/post-body'

export async function generateStaticParams() {
  return atLeastOne(
    (await listPageSlugs()).map((slug) => ({ slug })),
    { slug: 'about' },
  )
}

export async function generateMetadata(props: PageProps<'/[slug]'>): Promise<Metadata> {
  const { slug } = await props.params
  const page = await getPublishedPage(slug)
  if (!page) return {}
  return { title: page.title, description: page.excerpt, alternates: await pageAlternates(`/${page.slug}`) }
}

/** A page (About, Contact…) at the top level of the site. */
export default async function StaticPage(props: PageProps<'/[slug]'>) {
  const { slug } = await props.params
  const page = await getPublishedPage(slug)
  if (!page) {
    // WordPress "post name" permalinks (/template-comments/) of imported posts, and renamed pages.
    const moved = await findRedirect(`/${slug}`)
    if (moved) permanentRedirect(moved)
    notFound()
  }
  return (
    <article className="post" aria-labelledby="post-title">
      <header className="post-header">
        <h1 id="post-title">{page.title}</h1>
      </header>
      <PostBody post={page} />
    </article>
  )
}
