// Playwright against two Daisy nodes behind nginx, on PostgreSQL and Redis (scripts/cluster.mjs). npm test runs
// it after the single-node suite when it finds PostgreSQL, Redis and nginx.
import { defineConfig } from '@playwright/test'
import baseConfig from './playwright.config'
import { clusterEnv, PROXY_URL } from './e2e/cluster/env'

export default defineConfig({
  ...baseConfig,
  testDir: 'e2e/cluster',
  projects: [{ name: 'cluster', testMatch: ['*.spec.ts'] }],
  // The specs kill nodes and count rows: one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  use: { ...baseConfig.use, baseURL: PROXY_URL },
  webServer: [
    {
      command: 'node scripts/cluster.mjs',
      url: `${PROXY_URL}/`,
      env: { ...(process.env as Record<string, string>), ...clusterEnv },
      timeout: 600_000,
      // A cluster already serving (node scripts/cluster.mjs in another terminal) is used as it is, outside CI.
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
})
