import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // Modules marked server-only are plain server code under test.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    // Unit tests beside lib/, server/ and scripts/ modules, and those of the e2e fediverse peer itself; Playwright
    // specs (e2e/**/*.spec.ts) are never collected here.
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'e2e/fediverse/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['lib/test/global-setup.ts'],
    // Each test file's app client (lib/db/index.ts) opens its own fresh copy of the migrated template.
    setupFiles: ['lib/test/app-db-setup.ts'],
    env: {
      MEDIA_DIR: join(tmpdir(), 'daisy-unit-media'),
      MENTION_ALLOW_PRIVATE_NETWORKS: '1',
    },
    // Database tests write files and run migrations: give them room on slow machines.
    testTimeout: 30_000,
    // Their beforeAll hooks create and fill databases too (the round trip's took over 10 s on a loaded machine).
    hookTimeout: 30_000,
  },
})
