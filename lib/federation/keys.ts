// The key pairs the blog's actors sign with: RSA (what every server checks, draft-cavage and RFC 9421) and
// Ed25519 (object integrity proofs, FEP-8b32). Made on first use and kept in the database, so every node signs
// with the same keys and a restart changes nothing other servers cached.
import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify'
import { db } from '@/lib/db'

const ALGORITHMS = ['RSASSA-PKCS1-v1_5', 'Ed25519'] as const

const cached = new Map<string, { pairs: Promise<CryptoKeyPair[]>; at: number }>()

/** The same, read once a minute at most per process (every signed fetch asks for the instance's key). */
export function cachedKeyPairs(actor: string): Promise<CryptoKeyPair[]> {
  const hit = cached.get(actor)
  if (hit && Date.now() - hit.at < 60_000) return hit.pairs
  const pairs = actorKeyPairs(actor)
  cached.set(actor, { pairs, at: Date.now() })
  pairs.catch(() => cached.delete(actor))
  return pairs
}

/** An actor's key pairs, RSA first (the one Mastodon reads as publicKey), made now if it has none yet. */
export async function actorKeyPairs(actor: string): Promise<CryptoKeyPair[]> {
  const pairs: CryptoKeyPair[] = []
  for (const algorithm of ALGORITHMS) {
    const row =
      (await db.federationKey.findUnique({ where: { actor_algorithm: { actor, algorithm } } })) ??
      (await make(actor, algorithm))
    pairs.push({
      publicKey: await importJwk(JSON.parse(row.publicJwk) as JsonWebKey, 'public'),
      privateKey: await importJwk(JSON.parse(row.privateJwk) as JsonWebKey, 'private'),
    })
  }
  return pairs
}

async function make(actor: string, algorithm: (typeof ALGORITHMS)[number]) {
  const pair = await generateCryptoKeyPair(algorithm)
  const data = {
    actor,
    algorithm,
    publicJwk: JSON.stringify(await exportJwk(pair.publicKey)),
    privateJwk: JSON.stringify(await exportJwk(pair.privateKey)),
  }
  try {
    return await db.federationKey.create({ data })
  } catch (error) {
    // Another request (or node) made it first: theirs is the one.
    if ((error as { code?: string }).code !== 'P2002') throw error
    return db.federationKey.findUniqueOrThrow({ where: { actor_algorithm: { actor, algorithm } } })
  }
}
