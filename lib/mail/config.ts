// Mail configuration from the environment: SMTP_URL (where mail goes) and MAIL_FROM (whom it is from).
import { mailEnv, siteOrigin } from '@/lib/env'

export interface MailConfig {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; null keeps mail in the outbox. */
  smtpUrl: string | null
  /** The sender's address; the site's name goes beside it in From. */
  from: string
}

/** Read per call (lib/env.ts checked the same values at start), so a test can point it at its own server. */
export function mailConfig(): MailConfig {
  const { SMTP_URL, MAIL_FROM } = mailEnv()
  const host = new URL(siteOrigin()).hostname
  return { smtpUrl: SMTP_URL ?? null, from: MAIL_FROM ?? `daisy@${host.includes('.') ? host : `${host}.localdomain`}` }
}

/** The SMTP server as the admin area shows it: scheme, host and port, never the user or password. */
export function describeSmtp(smtpUrl: string | null): string | null {
  if (!smtpUrl) return null
  const url = new URL(smtpUrl)
  return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`
}
