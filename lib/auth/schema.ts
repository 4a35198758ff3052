// Inputs of sign-in and account management.
import { z } from 'zod'

export const credentialsSchema = z.object({
  email: z.email('Enter the email address of your account').trim().toLowerCase().max(254),
  password: z.string().min(1, 'Enter your password').max(1024),
})

export const roleSchema = z.enum(['ADMIN', 'AUTHOR'])
export type RoleName = z.infer<typeof roleSchema>

export const passwordSchema = z.string().min(12, 'Use at least 12 characters').max(1024)
