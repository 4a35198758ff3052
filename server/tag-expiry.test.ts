import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { persistTagExpiry } from './tag-expiry.ts'

const root = process.cwd()
const { tagsManifest } = createRequire(join(root, 'package.json'))(
  'next/dist/server/lib/incremental-cache/tags-manifest.external.js',
) as {
  tagsManifest: Map<string, { expired?: number; stale?: number }>
}
const distDir = mkdtempSync(join(tmpdir(), 'daisy-tags-'))
const file = join(distDir, 'cache', 'daisy-tag-expiry.json')
const nextTick = () => new Promise((resolve) => setImmediate(resolve))

afterAll(() => rmSync(distDir, { recursive: true, force: true }))

describe('persistTagExpiry', () => {
  it('saves the expiries a change records, once, and loads them at the next start', async () => {
    persistTagExpiry(root, distDir)
    for (let i = 0; i < 500; i++) tagsManifest.set(`post:${i}`, { expired: 1_000 + i })
    await nextTick()
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { expired: number }>
    expect(Object.keys(saved)).toHaveLength(500)
    expect(saved['post:499']).toEqual({ expired: 1_499 })

    // A restart: the process forgets, then loads what was saved.
    tagsManifest.clear()
    expect(persistTagExpiry(root, distDir)).toBe(500)
    expect(tagsManifest.get('post:7')).toEqual({ expired: 1_007 })
  })

  it('tells the page cache each expiry as it is recorded, not the ones loaded at start', () => {
    const told: string[] = []
    persistTagExpiry(root, distDir, { onExpire: (tag) => told.push(tag) })
    expect(told).toEqual([])
    tagsManifest.set('post:new', { expired: 2_000 })
    expect(told).toEqual(['post:new'])
  })
})
