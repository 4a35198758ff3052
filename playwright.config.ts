// Playwright: real Chromium against a production build on a throwaway database (scripts/e2e-server.mjs).
import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'
import { E2E_BASE_URL, e2eServerEnv, MAIL_CATCHER_SMTP_PORT, MAIL_CATCHER_URL } from './e2e/env'

// Debian's Chromium when present (these machines cannot download Playwright's); else Playwright's own.
const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export default defineConfig({
  testDir: 'e2e',
  // Tests own their data (e2e/fixtures.ts) and run in parallel within a project; the projects run in turn.
  // Readers count the seeded blog's posts, so they see it before the writers add theirs.
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
        'permalinks.spec.ts',
        'mail.spec.ts',
        'password-reset.spec.ts',
        'server-references.spec.ts',
        'plain-html.spec.ts',
        'fediverse.spec.ts',
        'fediverse-fanout.spec.ts',
        'fediverse-operations.spec.ts',
      ],
      dependencies: ['readers'],
    },
    // A WordPress blog moves in: 500 old posts and 6,000 comments; it counts every row, so nothing writes beside it.
    { name: 'import', testMatch: ['import.spec.ts'], dependencies: ['writers'] },
    // Last and alone: 200 comments at once, and a write lock held by another process, would fail tests beside them.
    { name: 'load', testMatch: ['concurrency.spec.ts'], dependencies: ['import'] },
    // The SMTP server taken away: every other spec waiting for its mail would wait for the retry.
    { name: 'mail-outage', testMatch: ['mail-outage.spec.ts'], dependencies: ['load'] },
    // The blog moved to a new address: every reader page here redirects meanwhile.
    { name: 'moved', testMatch: ['site-move.spec.ts'], dependencies: ['mail-outage'] },
  ],
  fullyParallel: true,
  // Two cores: a worker each while the server renders between their requests (E2E_WORKERS to try others).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  // Two workers share two cores with the server they test (and a browser each): a step takes longer than alone.
  timeout: 60_000,
  expect: { timeout: 10_000 },
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
  webServer: [
    {
      // A real SMTP server that keeps what it receives, for the specs to read (scripts/mail-catcher.mjs).
      command: 'node scripts/mail-catcher.mjs',
      url: `${MAIL_CATCHER_URL}/`,
      env: {
        ...(process.env as Record<string, string>),
        MAIL_CATCHER_SMTP_PORT: String(MAIL_CATCHER_SMTP_PORT),
        MAIL_CATCHER_HTTP_PORT: new URL(MAIL_CATCHER_URL).port,
      },
      reuseExistingServer: false,
      stdout: 'pipe',
    },
    {
      command: 'node scripts/e2e-server.mjs',
      url: `${E2E_BASE_URL}/`,
      env: { ...(process.env as Record<string, string>), ...e2eServerEnv },
      // The production build runs first; on two busy cores it can take minutes.
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
})
