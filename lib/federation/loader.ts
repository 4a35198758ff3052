// How the federation library fetches remote actors, notes and keys: through Daisy's safe fetcher, like every
// other outgoing request (http(s) only, private addresses refused unless MENTION_ALLOW_PRIVATE_NETWORKS=1, the
// checked address connected to, bounded in time and size). JSON-LD contexts the library knows are never fetched.
import type { DocumentLoader, RemoteDocument } from '@fedify/vocab-runtime'
import { FetchError, preloadedContexts } from '@fedify/vocab-runtime'
import { signRequest } from '@fedify/fedify'
import { safeFetch } from '@/lib/http/fetch'
import { cachedKeyPairs } from './keys'
import { INSTANCE_ACTOR, PATHS } from './paths'

export const ACTIVITY_ACCEPT =
  'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
/** An actor or a note is a few KB; a megabyte is far more than any real one. */
const MAX_DOCUMENT_BYTES = 1024 * 1024

export const safeDocumentLoader: DocumentLoader = (url) => loadDocument(url)

/** A signing key: its id (the actor's URL and #main-key) and private half. */
export interface Signer {
  keyId: URL
  privateKey: CryptoKey
}

/**
 * The loader the blog fetches with: each GET signed (draft-cavage, what every server checks) with the instance
 * actor's key, as Mastodon signs its fetches — a server in secure mode answers only those.
 */
export function signedDocumentLoader(origin: string): DocumentLoader {
  const keyId = new URL(`${PATHS.actor.replace('{identifier}', INSTANCE_ACTOR)}#main-key`, origin)
  return async (url) => {
    const [rsa] = await cachedKeyPairs(INSTANCE_ACTOR)
    return loadDocument(url, rsa ? { keyId, privateKey: rsa.privateKey } : undefined)
  }
}

/** A loader signing as the given key (the library asks for one with an actor's key). */
export function loaderSignedAs(signer: Signer): DocumentLoader {
  return (url) => loadDocument(url, signer)
}

async function loadDocument(url: string, signer?: Signer): Promise<RemoteDocument> {
  if (url in preloadedContexts) return { contextUrl: null, documentUrl: url, document: preloadedContexts[url] }
  let headers: Record<string, string> = { accept: ACTIVITY_ACCEPT }
  if (signer && URL.canParse(url)) {
    const signed = await signRequest(new Request(url, { headers }), signer.privateKey, signer.keyId)
    // Host is the URL's own (Node sets it, and a redirect must not carry the first one).
    headers = Object.fromEntries([...signed.headers].filter(([name]) => name !== 'host'))
  }
  const response = await safeFetch(url, {
    headers,
    maxBytes: MAX_DOCUMENT_BYTES,
    // Servers are asked for actors and notes often (every delivery names its sender): no linkback pace here.
    limitPerHost: false,
  })
  // The status travels with the error: the library tells a deleted account (410) from a network failure.
  if (response.status !== 200)
    throw new FetchError(url, `${url} answered ${response.status}`, new Response(null, { status: response.status }))
  if (response.truncated) throw new FetchError(url, `${url} sent more than ${MAX_DOCUMENT_BYTES} bytes`)
  let document: unknown
  try {
    document = JSON.parse(response.body)
  } catch {
    throw new FetchError(url, `${url} did not answer JSON`)
  }
  return { contextUrl: null, documentUrl: response.url, document }
}
