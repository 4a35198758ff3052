// Next.js configuration for Daisy.
import { fileURLToPath } from 'node:url'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Public pages are cached with 'use cache' + cacheTag and revalidated by the writes that change them.
  cacheComponents: true,
  // What 'use cache' stores through: with REDIS_URL, shared by every node (entries and tag expiries), else
  // Next's own in-memory store (server/shared-cache.ts). Next imports both handlers itself, and Node 24 runs
  // their TypeScript as it is.
  cacheHandlers: { default: fileURLToPath(new URL('./server/use-cache-handler.ts', import.meta.url)) },
  // Where rendered pages are kept: Next's file-system cache, judging each page by when its request came in, so a
  // render that began before a write is not kept as fresh after it (server/route-cache-handler.ts).
  cacheHandler: fileURLToPath(new URL('./server/route-cache-handler.ts', import.meta.url)),
  // Off so a missing post answers a real 404: with it on, an unknown slug streams the App Shell with 200 first.
  partialPrefetching: false,
  // Tests build into their own folder so `npm start` never serves a build made against the test database.
  distDir: process.env.DAISY_DIST_DIR || '.next',
  poweredByHeader: false,
  // Media uploads go through a server action; the media code enforces MEDIA_MAX_BYTES itself.
  // authInterrupts: forbidden() (and lib/auth's ForbiddenError) answers 403 instead of a 500.
  // inlineCss: the stylesheet (7 KB, 3 KB compressed) comes inside the HTML, so the first paint waits for no
  // second request (on a phone's connection, a round trip that also let scripts run before the text showed).
  experimental: { serverActions: { bodySizeLimit: '12mb' }, authInterrupts: true, inlineCss: true },
  reactStrictMode: true,
  // `npm test` type-checks the project (tsc) just before it builds for the e2e tests: the build need not again.
  typescript: { ignoreBuildErrors: process.env.DAISY_BUILD_TYPECHECK === 'skip' },
  // Every post advertises where to send pingbacks and webmentions (absolute, as Pingback requires).
  async headers() {
    const origin = (
      process.env.SITE_URL ||
      process.env.NEXTAUTH_URL ||
      `http://localhost:${process.env.PORT || 3000}`
    ).replace(/\/+$/, '')
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
  // Next's own trailing-slash redirect (`/x/` → `/x`) would be a first hop before an old WordPress address
  // (`/2012/01/03/slug/`, `/slug/`, `/category/x/`) reaches its redirect to the new one. It is off; the two
  // functions below answer every trailing slash themselves, each in one 308 to the final address.
  skipTrailingSlashRedirect: true,
  // Feed and archive addresses readers of a WordPress blog already have, with or without WordPress's slash.
  async redirects() {
    const slash = '{/}?'
    return [
      { source: `/feed${slash}`, destination: '/feed.xml', permanent: true },
      { source: `/rss${slash}`, destination: '/feed.xml', permanent: true },
      { source: `/rss.xml${slash}`, destination: '/feed.xml', permanent: true },
      { source: `/feed/atom${slash}`, destination: '/atom.xml', permanent: true },
      { source: `/tag/:slug${slash}`, destination: '/tags/:slug', permanent: true },
      { source: `/tag/:slug/feed${slash}`, destination: '/tags/:slug/feed.xml', permanent: true },
      // Imported WordPress categories become tags with the same slug (README, "Import from WordPress").
      { source: `/category/:slug${slash}`, destination: '/tags/:slug', permanent: true },
      { source: `/category/:slug/feed${slash}`, destination: '/tags/:slug/feed.xml', permanent: true },
      { source: `/author/:slug${slash}`, destination: '/authors/:slug', permanent: true },
    ]
  },
  async rewrites() {
    return {
      // Any other address with a trailing slash may be an old permalink (or a renamed post's old address):
      // the moved page looks it up, and answers the address without the slash when it is not one.
      beforeFiles: [{ source: '/:path+/', destination: '/moved/_slash/:path+' }],
      // Any address no route answers may be an old WordPress permalink of an imported post (Redirect table).
      fallback: [{ source: '/:path+', destination: '/moved/:path+' }],
    }
  },
}

export default nextConfig
