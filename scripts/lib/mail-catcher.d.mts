// Types for mail-catcher.mjs (plain JavaScript: scripts/mail-catcher.mjs runs it for the e2e suite).
export interface CaughtMail {
  to: string[]
  from: string
  subject: string
  text: string
  html: string
  date: string | null
  messageId: string | null
  headers: Record<string, string>
  envelopeTo: string[]
  receivedAt: string
}

export interface MailCatcher {
  readonly port: number
  /** What Daisy's SMTP_URL should say to reach this server. */
  readonly url: string
  mails: CaughtMail[]
  /** The mails to an address, oldest first. */
  to(address: string): CaughtMail[]
  readonly running: boolean
  stop(): Promise<void>
  start(): Promise<void>
}

export function startMailCatcher(options?: { port?: number; host?: string }): Promise<MailCatcher>
