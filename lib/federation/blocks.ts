// Accounts and whole instances kept out. A block is one row (Block); what it does is here: the blocked sender's
// deliveries are refused at the inbox, before their signature is even checked (lib/federation/inbox-gate.ts), it
// follows the blog no more, what it said here is hidden (marked spam, so the author can still look), its likes
// and boosts go, and a blocked domain's comments and linkbacks are refused by the moderation policy too
// (lib/comments/moderation.ts). Domain blocks import and export in Mastodon's CSV (domain_blocks.csv).
import 'server-only'
import { db } from '@/lib/db'
import { tags } from '@/lib/cache/tags'
import { inDomain } from '@/lib/comments/moderation'

export type BlockKind = 'ACCOUNT' | 'DOMAIN'

/** A host as a block names it: lower case, no port, no trailing dot; null when it is not a host name. */
export function normalDomain(input: string): string | null {
  const text = input.trim().toLowerCase().replace(/\.$/, '')
  if (!text || text.length > 253) return null
  try {
    const { hostname } = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`)
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(hostname) || /^[\d.]+$/.test(hostname) ? hostname : null
  } catch {
    return null
  }
}

/** The host and every domain above it (a.b.example.com → a.b.example.com, b.example.com, example.com). */
export function domainsOf(host: string): string[] {
  const parts = host.toLowerCase().split('.')
  const out: string[] = []
  for (let i = 0; i < parts.length - 1; i++) out.push(parts.slice(i).join('.'))
  return out.length ? out : [host.toLowerCase()]
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return null
  }
}

/** The block that keeps out an account (by its id) or anything from its instance, if any. */
export async function blockFor(actorId: string): Promise<{ kind: string; value: string; reason: string } | null> {
  const host = hostOf(actorId)
  if (!host) return null
  const found = await db.block.findMany({
    where: { value: { in: [actorId, ...domainsOf(host)] } },
    select: { kind: true, value: true, reason: true },
  })
  return found.find((block) => block.kind === 'ACCOUNT') ?? found[0] ?? null
}

/** Every blocked domain, for the moderation policy (a short list: read once per judged response). */
export async function blockedDomains(): Promise<string[]> {
  const rows = await db.block.findMany({ where: { kind: 'DOMAIN' }, select: { value: true } })
  return rows.map((row) => row.value)
}

export interface BlockInput {
  kind: BlockKind
  value: string
  reason: string
}

export interface BlockEffect {
  followers: { actor: string; remoteId: string; inbox: string; followId: string | null; id: string }[]
  hidden: number
  reactions: number
  /** The cache tags of the pages it changed, for the caller to expire. */
  touched: string[]
}

/**
 * Blocks an account or a domain and applies it: followers there removed (returned, so the caller can tell an
 * account it no longer follows), responses from there marked spam, likes and boosts deleted; returns the pages'
 * cache tags to expire. Blocking again updates the reason and applies it again.
 */
export async function addBlock({ kind, value, reason }: BlockInput): Promise<BlockEffect> {
  await db.block.upsert({ where: { value }, create: { kind, value, reason }, update: { kind, reason } })
  return applyBlock(kind, value)
}

async function applyBlock(kind: BlockKind, value: string): Promise<BlockEffect> {
  const inBlocked = (host: string | null | undefined) => kind === 'DOMAIN' && !!host && inDomain(host, value)
  const matches = (url: string | null | undefined) =>
    !!url && (kind === 'ACCOUNT' ? url === value : inBlocked(hostOf(url)))
  // Followers and reactions are few per instance but may be many in all: read their ids, filter by host here
  // (hosts and subdomains cannot be matched by a portable SQL pattern).
  const [followers, reactions, comments] = await Promise.all([
    db.follower.findMany({ select: { id: true, actor: true, remoteId: true, inbox: true, followId: true } }),
    db.reaction.findMany({ select: { id: true, actorId: true, post: { select: { id: true, slug: true } } } }),
    db.comment.findMany({
      where:
        kind === 'ACCOUNT'
          ? { remoteActorId: value }
          : {
              status: { notIn: ['SPAM', 'TRASH'] },
              OR: [
                { remoteActorId: { contains: value } },
                { sourceUrl: { contains: value } },
                { authorUrl: { contains: value } },
                { authorEmail: { endsWith: value } },
              ],
            },
      select: {
        id: true,
        remoteActorId: true,
        sourceUrl: true,
        authorUrl: true,
        authorEmail: true,
        kind: true,
        status: true,
        post: { select: { id: true, slug: true } },
      },
    }),
  ])
  const goneFollowers = followers.filter((follower) => matches(follower.remoteId))
  const goneReactions = reactions.filter((reaction) => matches(reaction.actorId))
  const hidden = comments.filter(
    (comment) =>
      comment.status !== 'SPAM' &&
      comment.status !== 'TRASH' &&
      (matches(comment.remoteActorId) ||
        (kind === 'DOMAIN' &&
          (matches(comment.sourceUrl) ||
            matches(comment.authorUrl) ||
            inBlocked(comment.authorEmail?.split('@')[1]?.toLowerCase())))),
  )
  const label = kind === 'ACCOUNT' ? 'this account' : `the instance ${value}`
  await db.$transaction([
    db.follower.deleteMany({ where: { id: { in: goneFollowers.map((f) => f.id) } } }),
    db.reaction.deleteMany({ where: { id: { in: goneReactions.map((r) => r.id) } } }),
    db.comment.updateMany({
      where: { id: { in: hidden.map((c) => c.id) } },
      data: { status: 'SPAM', reason: `Hidden: ${label} is blocked` },
    }),
  ])
  const posts = new Map([...goneReactions, ...hidden].map(({ post }) => [post.id, post]))
  const touched = posts.size
    ? [...[...posts.values()].flatMap((post) => [tags.comments(post.id), tags.post(post.slug)]), tags.commentCounts]
    : []
  return { followers: goneFollowers, hidden: hidden.length, reactions: goneReactions.length, touched }
}

export async function removeBlock(id: string): Promise<void> {
  await db.block.deleteMany({ where: { id } })
}

// ---------------------------------------------------------------------------------------------------------------
// Mastodon's domain block CSV: a header `#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate`
// (older exports have no header: one domain a line, or domain,severity). Daisy has one severity: every imported
// row blocks the domain (suspend); a `noop` row is skipped, a `silence` row still blocks (a blog has no timeline
// to limit an instance from), and the public comment is kept as the reason.

export const CSV_HEADER = '#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate'

export interface ImportedDomain {
  domain: string
  reason: string
}

/** Parses a domain-block CSV; throws with a line number on what is not one. */
export function parseDomainBlocksCsv(rows: string[][]): { domains: ImportedDomain[]; skipped: number } {
  const domains = new Map<string, ImportedDomain>()
  let skipped = 0
  let columns: string[] | null = null
  rows.forEach((row, index) => {
    const cells = row.map((cell) => cell.trim())
    if (cells.every((cell) => cell === '')) return
    if (index === 0 && cells[0]?.replace(/^#/, '').toLowerCase() === 'domain') {
      columns = cells.map((cell) => cell.replace(/^#/, '').toLowerCase())
      return
    }
    const at = (name: string, fallback: number) => cells[columns ? columns.indexOf(name) : fallback] ?? ''
    const raw = at('domain', 0)
    // Mastodon exports obfuscated domains with * in them: they cannot be matched, and are skipped.
    const domain = raw.includes('*') ? null : normalDomain(raw)
    if (!domain) {
      if (raw.includes('*')) {
        skipped++
        return
      }
      throw new Error(`Line ${index + 1}: “${raw.slice(0, 80)}” is not a domain.`)
    }
    if (at('severity', 1).toLowerCase() === 'noop') {
      skipped++
      return
    }
    domains.set(domain, { domain, reason: at('public_comment', 4).slice(0, 500) })
  })
  return { domains: [...domains.values()], skipped }
}

/** Writes the domain blocks as Mastodon's CSV (what its admin import reads). */
export function domainBlocksCsv(blocks: { value: string; reason: string }[]): string {
  const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)
  return [CSV_HEADER, ...blocks.map((b) => [b.value, 'suspend', 'true', 'true', cell(b.reason), 'false'].join(','))]
    .join('\n')
    .concat('\n')
}
