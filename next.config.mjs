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
  reactStrictMode: true,
}

export default nextConfig
