// Imported authors (AUTHOR accounts that cannot sign in until an admin resets their password) and
// WordPress categories and tags, which both become Daisy tags.
import { createHash } from 'node:crypto'
import { slugify, uniqueSlug } from '../content/slug'
import { htmlToPlainText } from '../content/text'
import { tags as cacheTags } from '../cache/tags'
import { safeDecode, type ImportRun, type Tx } from './run'
import type { WxrAuthor, WxrItem, WxrTerm } from './wxr-parse'

// WordPress's default category says nothing about a post; it is not made into a tag.
const IGNORED_TERMS = new Set(['uncategorized'])

export async function importAuthor(run: ImportRun, author: WxrAuthor) {
  const { db, report } = run
  const login = author.login || author.email
  if (!login) return run.skip('author', 'has neither a login nor an email', author.displayName || '(unnamed)')
  const email = (author.email || `${slugify(login) || 'author'}@imported.invalid`).toLowerCase()
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } })
  let id = existing?.id
  if (existing) report.authors.existing++
  else {
    const slug = await uniqueSlug(
      slugify(login) || slugify(author.displayName) || 'author',
      async (s) => !!(await db.user.findUnique({ where: { slug: s }, select: { id: true } })),
    )
    // No password: the account cannot sign in until an admin resets it (Users page).
    id = (
      await db.user.create({
        data: { email, slug, name: htmlToPlainText(author.displayName) || login, role: 'AUTHOR', passwordHash: null },
        select: { id: true },
      })
    ).id
    report.authors.created++
  }
  run.authorIds.set(login, id!)
  run.userIdByEmail.set(email, id!)
}

/** A term from the channel's list: its name and description are used when a post first names it. */
export function noteTerm(run: ImportRun, term: WxrTerm) {
  const slug = termSlug(term.slug, term.name)
  if (!slug || IGNORED_TERMS.has(slug)) return
  if (!run.tagNames.has(slug))
    run.tagNames.set(slug, { name: htmlToPlainText(term.name) || slug, description: htmlToPlainText(term.description) })
}

/** The tags of an item (its categories and tags), created when missing; returns their slugs. */
export async function ensureTags(run: ImportRun, tx: Tx, item: WxrItem): Promise<string[]> {
  const slugs: string[] = []
  for (const c of item.categories) {
    if (c.domain !== 'category' && c.domain !== 'post_tag') continue
    const slug = termSlug(c.slug, c.name)
    if (!slug || IGNORED_TERMS.has(slug) || slugs.includes(slug)) continue
    if (!run.tagsSeen.has(slug)) {
      const known = run.tagNames.get(slug) ?? { name: htmlToPlainText(c.name) || slug, description: '' }
      if (await tx.tag.findUnique({ where: { slug }, select: { id: true } })) run.report.tags.existing++
      else {
        await tx.tag.create({ data: { slug, name: known.name.slice(0, 50), description: known.description } })
        run.report.tags.created++
      }
      run.tagsSeen.add(slug)
    }
    slugs.push(slug)
    run.touched.add(cacheTags.tag(slug))
  }
  return slugs
}

/** A tag slug for a WordPress term; names Daisy's ASCII slugs cannot spell ("日記") get a stable one. */
function termSlug(slug: string, name: string): string {
  const plain = slugify(safeDecode(slug)) || slugify(htmlToPlainText(name))
  if (plain || !name.trim()) return plain
  return `tag-${createHash('sha256').update(name.trim()).digest('hex').slice(0, 8)}`
}
