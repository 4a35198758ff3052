// Next.js configuration for Daisy.
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Public pages are cached with 'use cache' + cacheTag and revalidated by the writes that change them.
  cacheComponents: true,
  // Off so a missing post answers a real 404: with it on, an unknown slug streams the App Shell with 200 first.
  partialPrefetching: false,
  // Tests build into their own folder so `npm start` never serves a build made against the test database.
  distDir: process.env.DAISY_DIST_DIR || '.next',
  poweredByHeader: false,
  // Media uploads go through a server action; the media code enforces MEDIA_MAX_BYTES itself.
  // authInterrupts: forbidden() (and lib/auth's ForbiddenError) answers 403 instead of a 500.
  experimental: { serverActions: { bodySizeLimit: '12mb' }, authInterrupts: true },
  reactStrictMode: true,
  // Every post advertises where to send pingbacks and webmentions (absolute, as Pingback requires).
  async headers() {
    const origin = (process.env.SITE_URL || process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '')
    return [
      {
        source: '/posts/:slug',
        headers: [
          { key: 'X-Pingback', value: `${origin}/xmlrpc` },
          { key: 'Link', value: `<${origin}/webmention>; rel="webmention"` },
        ],
      },
    ]
  },
  // Feed addresses readers of a WordPress blog are already subscribed to.
  async redirects() {
    return [
      { source: '/feed', destination: '/feed.xml', permanent: true },
      { source: '/rss', destination: '/feed.xml', permanent: true },
      { source: '/rss.xml', destination: '/feed.xml', permanent: true },
      { source: '/feed/atom', destination: '/atom.xml', permanent: true },
      { source: '/tag/:slug', destination: '/tags/:slug', permanent: true },
      { source: '/tag/:slug/feed', destination: '/tags/:slug/feed.xml', permanent: true },
      // Imported WordPress categories become tags with the same slug (README, "Import from WordPress").
      { source: '/category/:slug', destination: '/tags/:slug', permanent: true },
      { source: '/category/:slug/feed', destination: '/tags/:slug/feed.xml', permanent: true },
      { source: '/author/:slug', destination: '/authors/:slug', permanent: true },
    ]
  },
  // Any address no route answers may be an old WordPress permalink of an imported post (Redirect table).
  async rewrites() {
    return { fallback: [{ source: '/:path+', destination: '/moved/:path+' }] }
  },
}

export default nextConfig
