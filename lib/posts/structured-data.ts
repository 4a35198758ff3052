// schema.org BlogPosting for a post page (JSON-LD).
import type { PublishedPost } from './queries'

export function blogPostingJsonLd(post: PublishedPost, siteUrl: string) {
  const url = `${siteUrl}/posts/${post.slug}`
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.excerpt,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: post.publishedAt?.toISOString(),
    dateModified: post.updatedAt.toISOString(),
    author: {
      '@type': 'Person',
      name: post.author.name,
      url: post.author.slug ? `${siteUrl}/authors/${post.author.slug}` : undefined,
    },
    image: `${url}/opengraph-image`,
    keywords: post.tags.map((t) => t.name).join(', ') || undefined,
    wordCount: post.wordCount,
    commentCount: post._count.comments,
  }
}
