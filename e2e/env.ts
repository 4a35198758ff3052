// The e2e server's configuration, shared by playwright.config.ts and the specs.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3211)
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`
export const E2E_ADMIN = { email: 'admin@example.com', password: 'e2e-admin-password-123' }

// E2E_PORT, E2E_DB and E2E_DIST_DIR let a second run (one spec, another engineer's) use its own server,
// database file (under e2e/.tmp) and build folder beside the usual one.
export const e2eServerEnv: Record<string, string> = {
  DATABASE_URL: `file:${process.env.E2E_DB ?? './e2e/.tmp/e2e.db'}`,
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
}
