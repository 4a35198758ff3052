// Top-level paths the site itself uses (routes and WordPress redirects): a page may not take them.
export const RESERVED_PAGE_SLUGS: ReadonlySet<string> = new Set([
  'admin', 'api', 'archive', 'author', 'authors', 'category', 'feed', 'login', 'media', 'moved', 'page', 'posts', 'rss', 'search',
  'tags', 'tag', 'trackback', 'webmention', 'xmlrpc', 'sitemap', 'robots',
])
