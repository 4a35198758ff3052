// The e2e server's configuration, shared by playwright.config.ts and the specs.
import { resolve } from 'node:path'

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3211)
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`
// The suite's SMTP server (scripts/mail-catcher.mjs): Daisy sends to its SMTP port, the specs read its HTTP port.
export const MAIL_CATCHER_SMTP_PORT = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? E2E_PORT + 14)
export const MAIL_CATCHER_URL = `http://127.0.0.1:${Number(process.env.MAIL_CATCHER_HTTP_PORT ?? E2E_PORT + 15)}`
export const E2E_ADMIN = { email: 'admin@example.com', password: 'e2e-admin-password-123' }

// E2E_PORT, E2E_DB and E2E_DIST_DIR let a second run (one spec, another engineer's) use its own server,
// database file (under e2e/.tmp) and build folder beside the usual one. E2E_DATABASE_URL runs the suite on
// PostgreSQL instead (a database named daisy_…e2e…, dropped and made again by scripts/e2e-server.mjs).
export const e2eServerEnv: Record<string, string> = {
  DATABASE_URL: process.env.E2E_DATABASE_URL || `file:${process.env.E2E_DB ?? './e2e/.tmp/e2e.db'}`,
  DAISY_DIST_DIR: process.env.E2E_DIST_DIR ?? '.next-e2e',
  PORT: String(E2E_PORT),
  NEXTAUTH_URL: E2E_BASE_URL,
  SITE_URL: E2E_BASE_URL,
  NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production-use',
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
  MENTION_ALLOW_PRIVATE_NETWORKS: '1',
  // The specs stand in for a reverse proxy on loopback: X-Forwarded-For names the client they play.
  TRUST_PROXY: 'loopback',
  NEXT_TELEMETRY_DISABLED: '1',
  SMTP_URL: `smtp://127.0.0.1:${MAIL_CATCHER_SMTP_PORT}?tls.rejectUnauthorized=false`,
  MAIL_FROM: 'blog@daisy.example',
}

/** Where the specs' `exclusive` locks live (e2e/fixtures.ts): beside the SQLite file, or e2e/.tmp/<database>.locks. */
export function e2eLocksDir(databaseUrl: string): string {
  if (databaseUrl.startsWith('file:')) return resolve(databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '')) + '.locks'
  return resolve('e2e', '.tmp', `${new URL(databaseUrl).pathname.slice(1)}.locks`)
}
