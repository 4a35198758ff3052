// The arguments of cached reads ('use cache'), checked where each is defined. Next registers every cached
// function as a server reference that anyone who learns its id can call with arguments of their choosing
// (a POST with a `Next-Action` header), and each new argument is a new cache entry: bounded arguments keep a
// stranger from filling the cache (and Redis) with entries of any number and size. A limit the pages never
// vary is no argument at all (the function owns its constant).
import { z } from 'zod'
import { settingsSchema } from '@/lib/settings/schema'

/** A slug, a tag's, an author's or a post's. */
export const slugArg = z.string().min(1).max(200)
/** A database id. */
export const idArg = z.string().min(1).max(40)
/** A page number of a paginated list. */
export const pageArg = z.number().int().min(1).max(100_000)
/** An instant as an ISO string (a cache key cannot hold a Date). */
export const instantArg = z.iso.datetime({ offset: true })
/** Settings passed in by the page: numbers and names within the settings form's own bounds. */
const setting = settingsSchema.shape
const numberWithin = (field: z.ZodType) => z.number().refine((n) => field.safeParse(n).success)
export const pageSizeArg = numberWithin(setting.postsPerPage)
export const threadDepthArg = numberWithin(setting.threadDepth)
export const closeAfterDaysArg = numberWithin(setting.closeCommentsAfterDays)
export const timezoneArg = z
  .string()
  .max(64)
  .refine((zone) => setting.timezone.safeParse(zone).success)

/**
 * A cached read's one argument, parsed from the whole list it was called with (declare the function with
 * `...args: [T]`): a second argument, or anything the schema refuses, is refused before any read, and so never
 * cached. For a read that takes nothing, `noCacheArgs(args)`.
 */
export function cacheArgs<S extends z.ZodType>(schema: S, args: readonly unknown[]): z.output<S> {
  const parsed = z.tuple([schema]).safeParse(args)
  if (!parsed.success) throw new CacheArgumentsRefused()
  return parsed.data[0] as z.output<S>
}

export function noCacheArgs(args: readonly unknown[]): void {
  if (args.length > 0) throw new CacheArgumentsRefused()
}

class CacheArgumentsRefused extends Error {
  constructor() {
    super('A cached read was called with arguments the site never passes')
  }
}
