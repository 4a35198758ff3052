// The cluster the multi-node specs test (scripts/cluster.mjs): nginx on CLUSTER_PORT, node A and node B on the
// next two ports, one PostgreSQL database and one Redis prefix for the run.
import { e2eServerEnv, E2E_ADMIN, E2E_PORT } from '../env'

export const CLUSTER_PORT = Number(process.env.CLUSTER_PORT ?? E2E_PORT + 20)
/** Through nginx, as readers reach the blog. */
export const PROXY_URL = `http://127.0.0.1:${CLUSTER_PORT}`
/** Each node directly (loopback only), to choose which one answers. */
export const NODE_A = `http://127.0.0.1:${CLUSTER_PORT + 1}`
export const NODE_B = `http://127.0.0.1:${CLUSTER_PORT + 2}`
export { E2E_ADMIN }

function clusterDatabaseUrl() {
  const url = new URL(process.env.DAISY_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres')
  url.pathname = '/daisy_e2e_cluster'
  return url.toString()
}

export const clusterEnv: Record<string, string> = {
  DATABASE_URL: clusterDatabaseUrl(),
  REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
  REDIS_PREFIX: 'daisy-e2e-cluster:',
  DAISY_DIST_DIR: process.env.CLUSTER_DIST_DIR ?? '.next-cluster',
  CLUSTER_PORT: String(CLUSTER_PORT),
  NEXTAUTH_URL: PROXY_URL,
  SITE_URL: PROXY_URL,
  // The same secret as the single-node suite, so its helpers (backdated comment tokens) serve here too.
  NEXTAUTH_SECRET: e2eServerEnv.NEXTAUTH_SECRET!,
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
  MENTION_ALLOW_PRIVATE_NETWORKS: '1',
  // nginx and the specs are on loopback; nginx overwrites X-Forwarded-For with the client it saw.
  TRUST_PROXY: 'loopback',
  NEXT_TELEMETRY_DISABLED: '1',
  MAIL_FROM: 'blog@daisy.example',
}
