// Keeps Next's cache-tag expiries across restarts. Next writes rendered pages to disk (<distDir>/server/
// route-cache) but remembers which tags a write expired only in memory: a page cached before a write, and not
// viewed again before a restart, would come back stale afterwards. Here the expiries are saved beside the
// build (<distDir>/cache/daisy-tag-expiry.json) as soon as a change records them, and loaded before serving.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { nextTags, type TagManifestEntry } from './next-internals.ts'

/** `onExpire` is called (synchronously) whenever a tag's expiry is recorded: the page cache drops the pages with it. */
export function persistTagExpiry(
  root: string,
  distDir: string,
  { onExpire = () => {} }: { onExpire?: (tag: string) => void } = {},
): number {
  // The map Next's file-system cache reads expiries from (".external": one instance for the whole server).
  const { tagsManifest } = nextTags()
  const file = resolve(root, distDir, 'cache', 'daisy-tag-expiry.json')
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, TagManifestEntry>
    for (const [tag, entry] of Object.entries(saved)) tagsManifest.set(tag, entry)
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT')
      console.warn(`daisy: ignoring unreadable ${file}: ${error instanceof Error ? error.message : error}`)
  }
  // One write for all the tags a change expires (an import can expire thousands at once), right after it.
  let pending = false
  const save = () => {
    pending = false
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(tagsManifest)))
    renameSync(`${file}.tmp`, file)
  }
  const set = tagsManifest.set.bind(tagsManifest)
  tagsManifest.set = (tag, entry) => {
    const result = set(tag, entry)
    onExpire(tag)
    if (!pending) {
      pending = true
      setImmediate(save)
    }
    return result
  }
  process.once('exit', () => pending && save())
  return tagsManifest.size
}
