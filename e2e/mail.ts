// Reading what Daisy mailed, from the suite's SMTP server (scripts/mail-catcher.mjs). Each test mails its own
// addresses, so tests running side by side never read each other's mail.
import { expect } from '@playwright/test'
import type { CaughtMail } from '../scripts/lib/mail-catcher.ts'
import { MAIL_CATCHER_URL } from './env'

export type { CaughtMail }

export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const response = await fetch(`${MAIL_CATCHER_URL}/mails?to=${encodeURIComponent(address)}`)
  return (await response.json()) as CaughtMail[]
}

/** Waits until `count` mails to the address whose subject matches have arrived; returns them, oldest first. */
export async function waitForMails(address: string, subject: RegExp, count = 1): Promise<CaughtMail[]> {
  let found: CaughtMail[] = []
  await expect
    .poll(
      async () => {
        found = (await mailsTo(address)).filter((m) => subject.test(m.subject))
        return found.length
      },
      { message: `${count} mail(s) to ${address} about ${subject}`, timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(count)
  return found
}

export const waitForMail = async (address: string, subject: RegExp) => (await waitForMails(address, subject))[0]!

/** The link in the mail's text part that follows the line starting with `label` (the text part's "Label:\nURL"). */
export function linkAfter(mail: CaughtMail, label: string): string {
  const lines = mail.text.split('\n')
  const at = lines.findIndex((line) => line.trim() === `${label}:`)
  if (at < 0) throw new Error(`no “${label}” link in the mail “${mail.subject}”:\n${mail.text}`)
  return lines[at + 1]!.trim()
}

/** Takes the SMTP server away or brings it back (a mail server that is down). */
export async function smtp(state: 'stop' | 'start'): Promise<void> {
  await fetch(`${MAIL_CATCHER_URL}/smtp/${state}`, { method: 'POST' })
}
