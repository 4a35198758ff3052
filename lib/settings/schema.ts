// Site settings: their shape, defaults and the zod schema every stored value is parsed with.
import { z } from 'zod'

// Every stored setting is parsed on each read of the settings (several per request): a time zone is checked once
// per process (making an Intl.DateTimeFormat costs about a millisecond; a CPU profile found it the hottest line
// of a fan-out to a thousand servers).
const knownTimeZones = new Map<string, boolean>()
function isTimeZone(tz: string): boolean {
  let known = knownTimeZones.get(tz)
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      known = true
    } catch {
      known = false
    }
    if (knownTimeZones.size < 1000) knownTimeZones.set(tz, known)
  }
  return known
}

export const settingsSchema = z.object({
  siteTitle: z.string().trim().min(1).max(120).default('Daisy'),
  tagline: z.string().trim().max(200).default(''),
  // Empty means "use SITE_URL from the environment".
  baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  // Where the blog has moved (a new domain): its reader pages and feeds here answer 301 to the same path there
  // (server/site-move.ts); the admin, the fediverse account and the protocol endpoints stay. Empty: not moved.
  siteMovedTo: z
    .string()
    .trim()
    .max(500)
    .refine(
      (url) => url === '' || (/^https?:\/\/[^/?#]+(?:\/[^?#]*)?$/i.test(url) && URL.canParse(url)),
      'Enter the new address, e.g. https://new.example.com (no ? or #).',
    )
    // As a browser writes it (host lowercased, IDN as punycode), without a trailing slash.
    .transform((url) => (url ? new URL(url).href.replace(/\/+$/, '') : ''))
    .default(''),
  timezone: z.string().refine(isTimeZone, 'Unknown time zone').default('UTC'),
  locale: z.string().default('en-US'),
  postsPerPage: z.coerce.number().int().min(1).max(100).default(10),
  // Comment policy (used by the moderation module).
  moderateAll: z.coerce.boolean().default(false),
  holdFirstTimeCommenters: z.coerce.boolean().default(true),
  maxLinks: z.coerce.number().int().min(0).max(50).default(2),
  closeCommentsAfterDays: z.coerce.number().int().min(0).max(36500).default(0),
  threadDepth: z.coerce.number().int().min(1).max(10).default(5),
  blocklist: z.string().max(20000).default(''),
  holdlist: z.string().max(20000).default(''),
  // The blog's fediverse handle: @<handle>@<host> (lib/federation/). Letters, digits and _, as Mastodon's.
  fediverseHandle: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_]{1,30}$/, 'Use 1 to 30 letters, digits or _.')
    .default('blog'),
  // How posts appear on the fediverse: an Article (Mastodon shows its title, summary and a link) or a Note (the
  // whole post in timelines).
  fediverseObjectType: z.enum(['Article', 'Note']).default('Article'),
  // A follow waits in the admin until the author accepts it (the actor says manuallyApprovesFollowers).
  fediverseApproveFollowers: z.coerce.boolean().default(false),
  // Secure fetch (Mastodon's "authorized fetch"): the blog's actors and objects answer signed requests only.
  fediverseSecureFetch: z.coerce.boolean().default(false),
  // The accounts this blog's account was before (a move to here): their actor ids, one a line. The new actor
  // names them in alsoKnownAs, which is what a follower's server checks before following it instead.
  fediverseAlsoKnownAs: z
    .string()
    .max(2000)
    .refine(
      (list) => list.split('\n').every((line) => !line.trim() || URL.canParse(line.trim())),
      'One account address (https://…) a line.',
    )
    .default(''),
  // Where this blog's account moved to (set by the move in Admin → Fediverse): its actor says movedTo.
  fediverseMovedTo: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  // The uploaded site icon's version (a hash naming its folder under MEDIA_DIR/site-icon); empty: Daisy's own.
  siteIcon: z
    .string()
    .regex(/^(?:[0-9a-f]{16})?$/)
    .default(''),
})

export type Settings = z.infer<typeof settingsSchema>
export type SettingKey = keyof Settings

export const defaultSettings: Settings = settingsSchema.parse({})

/** Parses stored key/value rows, falling back to the default for any value that no longer fits. */
export function parseStoredSettings(rows: { key: string; value: string }[]): Settings {
  const raw: Record<string, unknown> = {}
  for (const row of rows) {
    try {
      raw[row.key] = JSON.parse(row.value)
    } catch {
      // A hand-edited, unparsable value: ignore it and use the default.
    }
  }
  const result: Record<string, unknown> = { ...defaultSettings }
  for (const key of Object.keys(settingsSchema.shape) as SettingKey[]) {
    if (!(key in raw)) continue
    const parsed = settingsSchema.shape[key].safeParse(raw[key])
    if (parsed.success) result[key] = parsed.data
  }
  return result as Settings
}

/**
 * Whether a moved-to address is the blog's own (same host and path): pages would redirect to themselves. One
 * check for Settings and for the account's move.
 */
export function isOwnAddress(address: string, own: string): boolean {
  const a = new URL(address)
  const b = new URL(own)
  return a.host === b.host && a.pathname.replace(/\/+$/, '') === b.pathname.replace(/\/+$/, '')
}
