// URL slugs: readable, ASCII, stable, and unique within their table.

const MAX_LENGTH = 80

/** Turns a title into a slug: "“I know when…” – café" → "i-know-when-cafe". */
export function slugify(input: string): string {
  const slug = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining accents left by NFKD
    .toLowerCase()
    .replace(/['’‘`]/g, '') // don't → dont, not don-t
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= MAX_LENGTH) return slug
  const cut = slug.slice(0, MAX_LENGTH)
  const lastDash = cut.lastIndexOf('-')
  return (lastDash > MAX_LENGTH / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '')
}

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= MAX_LENGTH && slugPattern.test(slug)
}

/** The first free slug among base, base-2, base-3, … given a check that says whether one is taken. */
export async function uniqueSlug(base: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> {
  const root = slugify(base) || 'untitled'
  if (!(await isTaken(root))) return root
  for (let n = 2; ; n++) {
    const suffix = `-${n}`
    const candidate = `${root.slice(0, MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`
    if (!(await isTaken(candidate))) return candidate
  }
}
