// `npm run bench:import [-- --posts N --comments N]`: generates a WordPress export of that size (default
// 1,000 posts and 10,000 comments and linkbacks), imports it into a throwaway database the way
// `npm run import:wxr` does, then imports it again (which must change nothing). Prints figures only.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from '../../lib/db'
import { importWxr } from '../../lib/import/wxr-import'
import { reportLines } from '../../lib/import/report'
import { sampleWxr } from '../../lib/import/sample'

const options = { posts: 1000, comments: 10_000 }
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i]!.replace(/^--/, '') as keyof typeof options
  if (!(key in options))
    throw new Error(`unknown option ${process.argv[i]} (known: ${Object.keys(options).join(', ')})`)
  options[key] = Number(process.argv[i + 1])
}

const tmp = join(process.cwd(), 'scripts/bench/.tmp/import')
rmSync(tmp, { recursive: true, force: true })
mkdirSync(tmp, { recursive: true })
const file = join(tmp, 'export.wxr.xml')
const dbFile = join(tmp, 'import.db')

let t = Date.now()
writeFileSync(file, sampleWxr({ posts: options.posts, comments: options.comments }))
console.log(
  `generated ${file}: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB, ${options.posts} posts, ${options.comments} comments and linkbacks (${Date.now() - t} ms)`,
)
execFileSync(join(process.cwd(), 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
  env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
  stdio: 'pipe',
})

const db = createClient(`file:${dbFile}`)
try {
  const admin = await db.user.create({
    data: { email: 'bench@daisy.test', name: 'Bench', role: 'ADMIN', slug: 'bench' },
  })
  t = Date.now()
  const first = await importWxr({ db, file, fallbackAuthorId: admin.id })
  const firstMs = Date.now() - t
  console.log(
    `\nFirst import: ${(firstMs / 1000).toFixed(2)} s (${Math.round((first.posts.created + first.pages.created) / (firstMs / 1000))} posts/s, ${Math.round(first.comments.created / (firstMs / 1000))} comments/s)`,
  )
  console.log(reportLines(first).join('\n'))
  t = Date.now()
  const second = await importWxr({ db, file, fallbackAuthorId: admin.id })
  const created =
    second.posts.created +
    second.pages.created +
    second.comments.created +
    second.authors.created +
    second.tags.created +
    second.redirects.created
  console.log(`\nSecond import of the same file: ${((Date.now() - t) / 1000).toFixed(2)} s, ${created} rows created`)
  const [posts, comments, redirects] = await Promise.all([db.post.count(), db.comment.count(), db.redirect.count()])
  console.log(
    `Database: ${posts} posts and pages, ${comments} comments and linkbacks, ${redirects} redirects, ${(statSync(dbFile).size / 1024 / 1024).toFixed(1)} MB`,
  )
} finally {
  await db.$disconnect()
}
