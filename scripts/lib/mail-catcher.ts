// A real SMTP server for the tests (smtp-server), keeping every mail it receives parsed (mailparser), so a test
// reads what Daisy sent: recipients, headers, both parts, links. It offers STARTTLS with its own certificate, as
// most servers do (Daisy's SMTP_URL then says ?tls.rejectUnauthorized=false), and takes any login or none.
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type AddressObject } from 'mailparser'

/** One mail the server received, as a test reads it. */
export interface CaughtMail {
  /** The To: header's addresses. */
  to: string[]
  from: string
  subject: string
  text: string
  html: string
  date: string | null
  messageId: string | null
  /** Header names in lower case, values as sent (decoded by mailparser where encoded). */
  headers: Record<string, string>
  /** The SMTP envelope's recipients (RCPT TO). */
  envelopeTo: string[]
  receivedAt: string
}

export interface MailCatcher {
  readonly port: number
  /** What Daisy's SMTP_URL should say to reach this server. */
  readonly url: string
  readonly mails: CaughtMail[]
  /** The mails to an address, oldest first. */
  to(address: string): CaughtMail[]
  readonly running: boolean
  stop(): Promise<void>
  start(): Promise<void>
}

/** Starts the server on `port` (0: any free one); `stop()` closes it, `start()` opens it again on the same port. */
export async function startMailCatcher({
  port = 0,
  host = '127.0.0.1',
}: { port?: number; host?: string } = {}): Promise<MailCatcher> {
  const mails: CaughtMail[] = []
  let server: SMTPServer | null = null
  let boundPort = port

  const open = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
        logger: false,
        size: 10 * 1024 * 1024,
        onData(stream, session, callback) {
          simpleParser(stream)
            .then((parsed) => {
              const headers: Record<string, string> = {}
              for (const line of parsed.headerLines)
                headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim()
              // mailparser gives a group (undisclosed-recipients:;) no address: kept as it comes.
              const addresses = (field: AddressObject | AddressObject[] | undefined) =>
                (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) =>
                  a.value.map((v) => v.address as string),
                )
              mails.push({
                to: addresses(parsed.to),
                from: parsed.from?.text ?? '',
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                date: parsed.date ? parsed.date.toISOString() : null,
                messageId: parsed.messageId ?? null,
                headers,
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                receivedAt: new Date().toISOString(),
              })
              callback()
            })
            .catch(callback)
        },
      })
      server.once('error', reject)
      server.listen(boundPort, host, () => {
        boundPort = (server!.server.address() as AddressInfo).port
        resolve()
      })
    })

  await open()
  return {
    get port() {
      return boundPort
    },
    /** What Daisy's SMTP_URL should say to reach this server. */
    get url() {
      return `smtp://${host}:${boundPort}?tls.rejectUnauthorized=false`
    },
    mails,
    /** The mails to an address, oldest first. */
    to: (address: string) => mails.filter((m) => m.envelopeTo.includes(address.toLowerCase())),
    get running() {
      return server !== null
    },
    async stop() {
      if (!server) return
      const closing = server
      server = null
      await new Promise<void>((resolve) => closing.close(resolve))
    },
    async start() {
      if (!server) await open()
    },
  }
}
