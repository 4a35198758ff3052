// The SMTP connection (nodemailer), one per SMTP_URL, made when the first mail goes out.
import nodemailer, { type Transporter } from 'nodemailer'

let current: { url: string; transporter: Transporter } | null = null

export function smtpTransport(url: string): Transporter {
  if (current?.url !== url) {
    current?.transporter.close()
    // nodemailer reads smtp:// (STARTTLS when the server offers it) and smtps:// (TLS from the start), the user
    // and password, and options such as ?tls.rejectUnauthorized=false for a server with its own certificate.
    // A server that does not answer fails the attempt in seconds; the job retries later.
    current = {
      url,
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    }
  }
  return current.transporter
}
