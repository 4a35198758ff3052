// The comment form's input, parsed with zod on the server (and its limits shown in the form).
import { z } from 'zod'

export const commentInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Keep your name under 100 characters'),
  email: z.email('Enter a valid email address (it is never shown)').trim().toLowerCase().max(254),
  url: z
    .string()
    .trim()
    .max(300, 'Keep the address under 300 characters')
    .transform((v) => (v && !/^https?:\/\//i.test(v) ? `https://${v}` : v))
    .pipe(
      z.union([
        z.literal(''),
        z.url({ protocol: /^https?$/, message: 'Enter a web address such as https://example.com' }),
      ]),
    )
    .default(''),
  content: z.string().trim().min(2, 'Write a comment').max(5000, 'Keep your comment under 5,000 characters'),
  parentId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  remember: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'yes'),
  // "Notify me of replies by email" and, beside it, "…and of every new comment on this post".
  notify: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'yes'),
  notifyAll: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'yes'),
})

export type CommentInput = z.infer<typeof commentInputSchema>

export { HONEYPOT_FIELD, TOKEN_FIELD, type CommentFormState } from './fields'
