// Inputs of account management.
import { z } from 'zod'
import { passwordSchema, roleSchema } from '@/lib/auth/schema'

export const newUserSchema = z
  .object({
    email: z.email('Enter a valid email address').trim().toLowerCase().max(254),
    name: z.string().trim().min(1, 'Enter a name').max(100),
    role: roleSchema,
    // Empty: a password is generated and shown once.
    password: z.union([z.literal(''), passwordSchema]).default(''),
    // A ticked checkbox (the form's input maps it): the person gets a mail and chooses their own password.
    invite: z.boolean().default(false),
  })
  .refine((v) => !(v.invite && v.password), {
    path: ['password'],
    message: 'Leave the password empty when sending an invitation: they choose their own.',
  })

export const profileSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100),
  bio: z.string().trim().max(2000, 'Keep the bio under 2,000 characters').default(''),
  avatarUrl: z
    .union([z.literal(''), z.string().regex(/^\/media\/[\w./-]+$/, 'Choose an image from the media library')])
    .default(''),
})

// A new password typed twice: the same rule wherever a password is chosen (profile, reset link, invitation).
const newPasswordFields = { next: passwordSchema, confirm: z.string() }
const typedTwiceAlike = (v: { next: string; confirm: string }) => v.next === v.confirm
const differ = { path: ['confirm'], message: 'The two new passwords differ' }

export const changePasswordSchema = z
  .object({ current: z.string().min(1, 'Enter your current password'), ...newPasswordFields })
  .refine(typedTwiceAlike, differ)

/** The password chosen through a reset or invitation link (the link itself is bound to the action). */
export const newPasswordSchema = z.object(newPasswordFields).refine(typedTwiceAlike, differ)

/** "Forgot your password?": the address of the account. */
export const forgotPasswordSchema = z.object({
  email: z.email('Enter the email address of your account').trim().toLowerCase().max(254),
})
