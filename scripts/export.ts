// `npm run export [-- --format wxr|json|both] [--out folder]`: WXR (WordPress can import it) and a JSON
// export of everything, into exports/ by default.
import './lib/load-env.mjs'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { db } from '../lib/db'
import { loadExportData, toJson, toWxr } from '../lib/export/data'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback
}
const format = option('format', 'both')
if (!['wxr', 'json', 'both'].includes(format)) {
  console.error('usage: npm run export -- [--format wxr|json|both] [--out folder]')
  process.exit(1)
}
const folder = resolve(option('out', 'exports'))
const siteUrl = process.env.SITE_URL || process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`
try {
  const data = await loadExportData(db, siteUrl)
  mkdirSync(folder, { recursive: true })
  const stamp = new Date().toISOString().slice(0, 10)
  const comments = data.posts.reduce((n, p) => n + p.comments.length, 0)
  if (format !== 'json') {
    const file = join(folder, `daisy-${stamp}.wxr.xml`)
    writeFileSync(file, toWxr(data))
    console.log(`export: ${file} (WXR 1.2: ${data.posts.length} posts and pages, ${comments} comments and linkbacks)`)
  }
  if (format !== 'wxr') {
    const file = join(folder, `daisy-${stamp}.json`)
    writeFileSync(file, toJson(data))
    console.log(`export: ${file} (JSON: everything but password hashes)`)
  }
} finally {
  await db.$disconnect()
}
