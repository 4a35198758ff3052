// Playwright: real Chromium against a production build on a throwaway database (scripts/e2e-server.mjs).
import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'
import { E2E_BASE_URL, e2eServerEnv } from './e2e/env'

// Debian's Chromium when present (these machines cannot download Playwright's); else Playwright's own.
const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export default defineConfig({
  testDir: 'e2e',
  // Readers see the seeded blog untouched; the writers' specs (which add posts, users…) run after them.
  projects: [
    { name: 'readers', testMatch: ['reader.spec.ts', 'browse.spec.ts', 'accessibility.spec.ts'] },
    {
      name: 'writers',
      testMatch: [
        'author.spec.ts',
        'security.spec.ts',
        'commenter.spec.ts',
        'moderation.spec.ts',
        'linkbacks.spec.ts',
        'hardening.spec.ts',
        'admin-layout.spec.ts',
        'site-icon.spec.ts',
        'page-cache.spec.ts',
      ],
      dependencies: ['readers'],
    },
    // A WordPress blog moves in: 200 old posts and 2,400 comments join the blog; every old address leads in, in one hop.
    { name: 'import', testMatch: ['import.spec.ts', 'permalinks.spec.ts'], dependencies: ['writers'] },
    // Last: it floods one post's queue with 190 held comments.
    { name: 'load', testMatch: ['concurrency.spec.ts'], dependencies: ['import'] },
  ],
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath,
      // Without these, Chromium keeps trying to reach Google's services, which a closed network refuses.
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${E2E_BASE_URL}/`,
    env: { ...(process.env as Record<string, string>), ...e2eServerEnv },
    // The production build runs first; on two busy cores it can take minutes.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
