// The federation library's key-value store (remote documents and public keys it cached, activity ids already
// handled, which signature scheme each server takes) kept in the database, so every node shares it and a
// restart forgets nothing: an activity seen by one node is a duplicate on all of them.
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify'
import { db } from '@/lib/db'

/** Keys are the library's key paths as JSON; a prefix of one is the same JSON without its closing bracket. */
const encode = (key: KvKey) => JSON.stringify(key)

function expiry(options: KvStoreSetOptions | undefined): Date | null {
  const ttl = options?.ttl
  return ttl ? new Date(Date.now() + ttl.total({ unit: 'millisecond' })) : null
}

const live = () => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] })

/** How long a value read or written here is trusted to be the stored one, for skipping a write of the same. */
const SEEN_MS = 60_000
const SEEN_MAX = 10_000

export class DatabaseKvStore implements KvStore {
  /**
   * What this process last read or wrote under a key (its JSON; null: absent) and when. The library writes the
   * signature scheme a server took after every delivery to it, mostly the very value it read just before: that
   * write (a database write per delivery, SQLite's write lock and all) is skipped when nothing changed.
   */
  readonly #seen = new Map<string, { json: string | null; at: number }>()

  #note(key: string, json: string | null): void {
    this.#seen.delete(key)
    if (this.#seen.size >= SEEN_MAX) this.#seen.delete(this.#seen.keys().next().value!)
    this.#seen.set(key, { json, at: Date.now() })
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const row = await db.federationKv.findFirst({ where: { key: encode(key), ...live() } })
    // Only a value that does not expire is remembered (one with a lifetime must be written again to renew it).
    if (!row?.expiresAt) this.#note(encode(key), row?.value ?? null)
    return row ? (JSON.parse(row.value) as T) : undefined
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const data = { value: JSON.stringify(value), expiresAt: expiry(options) }
    const seen = this.#seen.get(encode(key))
    if (!data.expiresAt && seen?.json === data.value && Date.now() - seen.at < SEEN_MS) return
    await db.federationKv.upsert({ where: { key: encode(key) }, create: { key: encode(key), ...data }, update: data })
    if (data.expiresAt) this.#seen.delete(encode(key))
    else this.#note(encode(key), data.value)
  }

  async delete(key: KvKey): Promise<void> {
    this.#seen.delete(encode(key))
    await db.federationKv.deleteMany({ where: { key: encode(key) } })
  }

  /** Compare-and-swap in one conditional write: of two nodes swapping the same value, one wins. */
  async cas(key: KvKey, expected: unknown, value: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    this.#seen.delete(encode(key))
    const data = { value: JSON.stringify(value), expiresAt: expiry(options) }
    if (expected === undefined) {
      // Only if absent (or expired: an expired row is as good as none).
      await db.federationKv.deleteMany({ where: { key: encode(key), expiresAt: { lte: new Date() } } })
      try {
        await db.federationKv.create({ data: { key: encode(key), ...data } })
        return true
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return false
        throw error
      }
    }
    const swapped = await db.federationKv.updateMany({
      where: { key: encode(key), value: JSON.stringify(expected), ...live() },
      data,
    })
    return swapped.count === 1
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const start = prefix ? encode(prefix).slice(0, -1) : '['
    let after = ''
    for (;;) {
      const rows = await db.federationKv.findMany({
        where: { key: { startsWith: start, gt: after }, ...live() },
        orderBy: { key: 'asc' },
        take: 100,
      })
      for (const row of rows) {
        const key = JSON.parse(row.key) as KvKey
        // startsWith on the text also matches ["a","bc"] for the prefix ["a","b"]: only whole parts count.
        if (prefix && !prefix.every((part, i) => key[i] === part)) continue
        yield { key, value: JSON.parse(row.value) as unknown }
      }
      if (rows.length < 100) return
      after = rows[rows.length - 1]!.key
    }
  }
}

/** Drops expired entries (the hourly housekeeping). */
export async function pruneFederationKv(now = new Date()): Promise<number> {
  const { count } = await db.federationKv.deleteMany({ where: { expiresAt: { lte: now } } })
  return count
}
