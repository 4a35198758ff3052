// The environment, parsed once with zod: every setting Daisy reads from outside lives here, for the app and for
// the server in server/ alike (which imports this file natively: relative imports with `.ts`, no aliases).
// Outside this module only instrumentation.ts (compiled for the edge too) and next.config.mjs read
// process.env, and the command-line tools and tests, which set up environments of their own.
import { z } from 'zod'
import { databaseUrl } from './db/url.ts'

/** A whole number of something, or the default when unset or empty; anything else stops the server. */
const whole = (fallback: number) =>
  z
    .string()
    .regex(/^\d*$/, 'must be a whole number')
    .optional()
    .transform((value) => (value ? Number(value) : fallback))
const optional = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined)
const flag = z.enum(['0', '1']).default('0')

// Mail (lib/mail/config.ts reads these per call through mailEnv(), so tests can point them at their own server).
export const mailEnvSchema = z.object({
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'SMTP_URL must look like smtp://user:pass@host:587 or smtps://…:465' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z
    .email('MAIL_FROM must be an email address')
    .optional()
    .or(z.literal('').transform(() => undefined)),
})

const envSchema = mailEnvSchema.extend({
  DATABASE_URL: z.string().default(''),
  // PostgreSQL connections each process keeps (several nodes share the server's max_connections).
  DATABASE_POOL_SIZE: whole(10),
  // 1 prints every query: the way to see that a cached page does no database work.
  DAISY_LOG_SQL: flag,
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // The server (server/main.ts): where it listens, whom it trusts, what it caps and caches.
  BIND_ADDRESS: optional,
  TRUST_PROXY: optional,
  PUBLIC_BODY_MAX_BYTES: whole(256 * 1024),
  SHARED_CACHE_MAX_AGE: whole(10),
  PAGE_CACHE_MAX_MB: whole(64),
  // `plain` (default): reader pages leave the page cache without Next's client runtime (server/plain-html.ts);
  // `next` sends them as Next makes them.
  DAISY_READER_JS: z.enum(['next', 'plain']).default('plain'),
  DAISY_NODE: optional,
  DAISY_DIST_DIR: optional.transform((value) => value ?? '.next'),
  // Redis shared by several nodes: the rate limits, 'use cache' entries and tag expiries (lib/redis.ts).
  REDIS_URL: optional,
  REDIS_PREFIX: optional.transform((value) => value ?? 'daisy:'),
  MENTION_ALLOW_PRIVATE_NETWORKS: flag,
  // However many senders there are, the queue of webmentions waiting for verification stays this long at most.
  WEBMENTION_QUEUE_MAX: whole(1000),
  // Uploaded images; served by the /media route (Next serves public/ only as it was at start).
  MEDIA_DIR: z.string().default('media'),
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  // Largest WordPress export the admin upload accepts (the CLI reads files of any size).
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024 * 1024),
  // Next's own: which phase (a build shares no service) and which mode this process is in.
  NEXT_PHASE: optional,
  NODE_ENV: optional,
})

export type Env = z.infer<typeof envSchema> & { DATABASE_URL: string }

function parseEnv(): Env {
  const parsed = envSchema.safeParse(process.env)
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors
    const lines = Object.entries(fields).map(([k, v]) => `  ${k}: ${(v ?? []).join(', ')}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return { ...parsed.data, DATABASE_URL: databaseUrl(process.env) }
}

export const env = parseEnv()

/** SMTP_URL and MAIL_FROM as they are now (read per call; checked the same way at start). */
export function mailEnv(): z.infer<typeof mailEnvSchema> {
  return mailEnvSchema.parse(process.env)
}

/** The public origin of the blog, without a trailing slash (SITE_URL, else NEXTAUTH_URL, else localhost). */
export function siteOrigin(): string {
  const url = env.SITE_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`
  return url.replace(/\/+$/, '')
}
