// Fills a freshly seeded bench database with a large blog, straight through better-sqlite3 (fast, one
// transaction per batch). Search triggers fire as for any insert, so the FTS index is built for real.
// The post the benchmark reads is not made here: it comes from a WordPress export (wxr.mjs), imported.
import { random } from './random.mjs'

const WORDS = (
  'customer service support trust team rackspace cloud server uptime outage ticket fanatical promise ' +
  'brand social media twitter event sponsor community help win learn story empower company chairman ' +
  'email guarantee daisies roses business knowledge share open stack hosting data center network ' +
  'phone call answer problem solve fix care listen people growth hire cartoon festival charity haiti ' +
  'conference travel austin texas omaha startup founder product launch feedback review quality speed'
).split(' ')

const iso = (ms) => new Date(ms).toISOString().replace('Z', '+00:00')
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

export const BENCH_TAG_SLUG = 'tag-1'

export function generateBlog(sqlite, { posts, comments, log }) {
  const rand = random(42)
  const pick = (list) => list[Math.floor(rand() * list.length)]
  const sentence = (n) => {
    const words = Array.from({ length: n }, () => pick(WORDS))
    return words[0][0].toUpperCase() + words.join(' ').slice(1) + '.'
  }
  const author = sqlite.prepare(`SELECT id FROM "User" WHERE role = 'ADMIN' LIMIT 1`).get().id

  const tagCount = Math.max(5, Math.min(200, Math.round(posts / 100)))
  const insertTag = sqlite.prepare(`INSERT INTO "Tag" (id, slug, name, description) VALUES (?, ?, ?, '')`)
  sqlite.transaction(() => {
    for (let t = 1; t <= tagCount; t++) insertTag.run(`bench_tag_${t}`, `tag-${t}`, `Tag ${t}`)
  })()

  const insertPost =
    sqlite.prepare(`INSERT INTO "Post" (id, type, slug, title, format, source, html, excerpt, plainText,
    wordCount, status, publishedAt, commentsOpen, pingsOpen, sticky, authorId, createdAt, updatedAt)
    VALUES (?, 'POST', ?, ?, 'MARKDOWN', ?, ?, ?, ?, ?, 'PUBLISHED', ?, 1, 1, 0, ?, ?, ?)`)
  const linkTag = sqlite.prepare(`INSERT OR IGNORE INTO "_PostToTag" ("A", "B") VALUES (?, ?)`)
  const start = Date.UTC(2011, 0, 1)
  const step = Math.floor((Date.UTC(2026, 0, 1) - start) / posts)
  const batch = 2000
  for (let from = 0; from < posts; from += batch) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(posts, from + batch); i++) {
        const paragraphs = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => sentence(10)).join(' '))
        const source = paragraphs.join('\n\n')
        const html = paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')
        const text = paragraphs.join('\n\n')
        const title = sentence(6).slice(0, -1)
        const slug = `bench-post-${i}`
        const at = iso(start + i * step)
        insertPost.run(`bench_post_${i}`, slug, title, source, html, text.slice(0, 300), text, 200, at, author, at, at)
        linkTag.run(`bench_post_${i}`, `bench_tag_${1 + (i % tagCount)}`)
        if (i % 3 === 0) linkTag.run(`bench_post_${i}`, `bench_tag_${1 + ((i * 7) % tagCount)}`)
      }
    })()
    if ((from / batch) % 10 === 0)
      log(`  posts ${Math.min(posts, from + batch).toLocaleString()} / ${posts.toLocaleString()}`)
  }

  const insertComment =
    sqlite.prepare(`INSERT INTO "Comment" (id, postId, parentId, kind, status, authorName, authorEmail,
    authorUrl, content, html, sourceUrl, sourceTitle, blogName, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const kinds = [
    'COMMENT',
    'COMMENT',
    'COMMENT',
    'COMMENT',
    'COMMENT',
    'COMMENT',
    'COMMENT',
    'TRACKBACK',
    'PINGBACK',
    'WEBMENTION',
  ]
  const addComment = (n, postIndex, parentId, kind, status) => {
    const text = Array.from({ length: 3 }, () => sentence(9)).join(' ')
    const at = iso(start + postIndex * step + (n % 1000) * 60_000)
    const mention = kind !== 'COMMENT'
    insertComment.run(
      `bench_c_${n}`,
      `bench_post_${postIndex}`,
      parentId,
      kind,
      status,
      mention ? 'Another blog' : `Reader ${n % 5000}`,
      mention ? null : `reader${n % 5000}@example.com`,
      null,
      text,
      `<p>${escape(text)}</p>`,
      mention ? `https://blog${n % 300}.example.net/posts/${n}` : null,
      mention ? sentence(5).slice(0, -1) : null,
      mention ? `Blog ${n % 300}` : null,
      at,
      at,
    )
  }
  for (let from = 0; from < comments; from += 5000) {
    sqlite.transaction(() => {
      for (let n = from; n < Math.min(comments, from + 5000); n++) {
        const postIndex = Math.floor(rand() * posts)
        const status = rand() < 0.85 ? 'APPROVED' : pick(['PENDING', 'SPAM', 'TRASH'])
        addComment(n, postIndex, null, pick(kinds), status)
      }
    })()
    if (Math.floor(from / 5000) % 20 === 0)
      log(`  comments ${Math.min(comments, from + 5000).toLocaleString()} / ${comments.toLocaleString()}`)
  }
  sqlite.exec('ANALYZE')
}
