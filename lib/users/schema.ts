// Inputs of account management.
import { z } from 'zod'
import { passwordSchema, roleSchema } from '@/lib/auth/schema'

export const newUserSchema = z.object({
  email: z.email('Enter a valid email address').trim().toLowerCase().max(254),
  name: z.string().trim().min(1, 'Enter a name').max(100),
  role: roleSchema,
  // Empty: a password is generated and shown once.
  password: z.union([z.literal(''), passwordSchema]).default(''),
})

export const profileSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100),
  bio: z.string().trim().max(2000, 'Keep the bio under 2,000 characters').default(''),
  avatarUrl: z
    .union([z.literal(''), z.string().regex(/^\/media\/[\w./-]+$/, 'Choose an image from the media library')])
    .default(''),
})

export const changePasswordSchema = z
  .object({ current: z.string().min(1, 'Enter your current password'), next: passwordSchema, confirm: z.string() })
  .refine((v) => v.next === v.confirm, { path: ['confirm'], message: 'The two new passwords differ' })
