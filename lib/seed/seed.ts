// Seeds an empty database: the first admin account, default settings and the user's first posts.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../db'
import { generatePassword, hashPassword } from '../auth/password'
import { renderPost } from '../content/markdown'
import { slugify } from '../content/slug'
import { escapeHtml } from '../content/escape'
import { defaultSettings, type Settings } from '../settings/schema'
import { parseSeedPost } from './parse'

export interface SeedOptions {
  dataDir: string
  adminEmail?: string
  adminPassword?: string
  adminName?: string
  log?: (line: string) => void
}

// The seed files carry no dates or tags; the dates follow the posts' own clues (Haiti relief and
// OpenStack, 2010), the tags what both posts are about.
const SEED_META: Record<string, { date: string; tags: string[] }> = {
  '000_dc165ee5c7723700.txt': { date: '2010-10-14T14:05:00Z', tags: ['Customer service', 'Rackspace', 'Trust'] },
  '004_216aae606c109889.txt': { date: '2010-12-21T17:30:00Z', tags: ['Customer service', 'Rackspace'] },
}

const SEED_SETTINGS: Partial<Settings> = {
  siteTitle: 'Rob La Gesse',
  tagline: 'Customers, all the time',
}

export async function seed(db: Db, options: SeedOptions): Promise<{ seededPosts: number; admin?: string }> {
  const log = options.log ?? console.log
  const admin = await ensureAdmin(db, options, log)
  if ((await db.post.count()) > 0) {
    log('seed: the database already has posts; demo content left alone')
    return { seededPosts: 0, admin: admin.email }
  }

  const files = readdirSync(options.dataDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
  const posts = await Promise.all(
    files.map(async (file) => {
      const parsed = parseSeedPost(readFileSync(join(options.dataDir, file), 'utf8'))
      const rendered = await renderPost(parsed.markdown)
      const meta = SEED_META[file]
      return { file, parsed, rendered, publishedAt: new Date(meta?.date ?? Date.now()), tags: meta?.tags ?? [] }
    }),
  )

  await db.$transaction(async (tx) => {
    for (const [key, value] of Object.entries({ ...defaultSettings, ...SEED_SETTINGS })) {
      await tx.setting.upsert({ where: { key }, create: { key, value: JSON.stringify(value) }, update: {} })
    }
    for (const { parsed, rendered, publishedAt, tags } of posts) {
      const post = await tx.post.create({
        data: {
          slug: slugify(parsed.title),
          title: parsed.title,
          source: parsed.markdown,
          html: rendered.html,
          excerpt: rendered.excerpt,
          plainText: rendered.plainText,
          wordCount: rendered.wordCount,
          status: 'PUBLISHED',
          publishedAt,
          updatedAt: publishedAt,
          authorId: admin.id,
          tags: {
            connectOrCreate: tags.map((name) => ({
              where: { slug: slugify(name) },
              create: { slug: slugify(name), name },
            })),
          },
        },
      })
      for (const tb of parsed.trackbacks) {
        await tx.comment.create({
          data: {
            postId: post.id,
            kind: 'TRACKBACK',
            status: 'APPROVED',
            authorName: tb.authorName,
            blogName: tb.blogName,
            sourceTitle: tb.sourceTitle,
            content: tb.excerpt,
            html: `<p>${escapeHtml(tb.excerpt)}</p>`,
            reason: 'Imported with the post as an approved trackback',
            createdAt: new Date(publishedAt.getTime() + 3 * 60 * 60 * 1000),
          },
        })
      }
    }
  })
  log(`seed: ${posts.length} posts with ${posts.reduce((n, p) => n + p.parsed.trackbacks.length, 0)} trackback(s)`)
  return { seededPosts: posts.length, admin: admin.email }
}

async function ensureAdmin(db: Db, options: SeedOptions, log: (line: string) => void) {
  const existing = await db.user.findFirst({ where: { role: 'ADMIN' }, orderBy: { createdAt: 'asc' } })
  if (existing) return existing
  const email = (options.adminEmail?.trim() || 'admin@example.com').toLowerCase()
  const name = options.adminName?.trim() || 'Rob La Gesse'
  const generated = !options.adminPassword
  const password = options.adminPassword || generatePassword()
  const user = await db.user.create({
    data: {
      email,
      name,
      slug: slugify(name) || 'admin',
      role: 'ADMIN',
      bio: 'Rackspace. Customer service, social media, and the stories behind them.',
      passwordHash: await hashPassword(password),
    },
  })
  log(`seed: created the admin account ${email}`)
  if (generated) {
    // Shown once, here; only its hash is stored.
    log(`seed: its generated password is: ${password}`)
    log('seed: (set ADMIN_EMAIL and ADMIN_PASSWORD before the first start to choose your own)')
  }
  return user
}
