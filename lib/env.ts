// The environment, parsed once with zod: every setting Daisy reads from outside lives here.
import { z } from 'zod'
import { databaseUrl } from './db/url'

// Mail (lib/mail/config.ts reads these per call, so tests can point them at their own SMTP server).
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
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MENTION_ALLOW_PRIVATE_NETWORKS: z.enum(['0', '1']).default('0'),
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

/** The public origin of the blog, without a trailing slash (SITE_URL, else NEXTAUTH_URL, else localhost). */
export function siteOrigin(): string {
  const url = env.SITE_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`
  return url.replace(/\/+$/, '')
}
