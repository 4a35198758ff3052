'use server'
// The outbox's one action: send a failed or waiting mail again, now.
import { z } from 'zod'
import { refresh } from 'next/cache'
import { requireRole } from '@/lib/auth/session'
import { retryMail } from './outbox'

export async function sendAgain(mailId: string): Promise<void> {
  await requireRole('ADMIN', '/admin/mail')
  await retryMail(z.string().max(40).parse(mailId))
  refresh()
}
