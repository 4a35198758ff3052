// The post editor's input: one zod schema, parsed again on the server for every save.
import { z } from 'zod'
import { isValidSlug } from '@/lib/content/slug'
import type { FormState } from '@/lib/form-state'

// An HTML checkbox sends "on" when ticked and nothing at all when not.
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true')

export const postIntentSchema = z.enum(['draft', 'publish', 'schedule', 'update', 'unpublish'])
export type PostIntent = z.infer<typeof postIntentSchema>

export const postInputSchema = z
  .object({
    type: z.enum(['POST', 'PAGE']).default('POST'),
    title: z.string().trim().min(1, 'Give the post a title').max(200, 'Keep the title under 200 characters'),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(80, 'Keep the slug under 80 characters')
      .refine((v) => v === '' || isValidSlug(v), 'Use lowercase letters, digits and single dashes, e.g. my-first-post')
      .default(''),
    source: z.string().max(500_000, 'The post is too long (500,000 characters at most)').default(''),
    excerpt: z.string().trim().max(1000, 'Keep the excerpt under 1,000 characters').default(''),
    // A WordPress-style post password; empty means public.
    password: z
      .string()
      .trim()
      .max(100, 'Keep the password under 100 characters')
      .default('')
      .transform((v) => v || null),
    tags: z
      .string()
      .max(2000)
      .default('')
      .transform((raw) => [
        ...new Set(
          raw
            .split(',')
            .map((t) => t.trim().replace(/\s+/g, ' '))
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.string().max(50, 'Keep each tag under 50 characters')).max(20, 'Use at most 20 tags')),
    commentsOpen: checkbox,
    pingsOpen: checkbox,
    featuredImageId: z
      .string()
      .max(40)
      .optional()
      .transform((v) => v || null),
    // A wall-clock time in the site's time zone, from <input type="datetime-local">.
    publishAt: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .pipe(
        z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'Pick a date and time')
          .optional(),
      ),
    // TrackBack URLs the author pastes by hand (the protocol has no discovery worth trusting).
    trackbacks: z
      .string()
      .max(5000)
      .default('')
      .transform((raw) => [...new Set(raw.split(/\s+/).filter(Boolean))])
      .pipe(
        z
          .array(z.url({ protocol: /^https?$/, message: 'Each TrackBack URL must be an http or https address' }))
          .max(10, 'Send at most 10 TrackBacks at once'),
      ),
    intent: postIntentSchema,
  })
  .superRefine((input, ctx) => {
    if (input.intent === 'schedule' && !input.publishAt)
      ctx.addIssue({ code: 'custom', path: ['publishAt'], message: 'Pick when to publish' })
    if (
      (input.intent === 'publish' || input.intent === 'schedule' || input.intent === 'update') &&
      !input.source.trim()
    ) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: 'Write something before publishing' })
    }
  })

export type PostInput = z.infer<typeof postInputSchema>

/** What a post form sends back when a save fails: messages per field, and everything that was typed. */
export type PostFormState = FormState<Record<string, string>, keyof PostInput, { savedAt: string }>
