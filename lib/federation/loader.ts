// How the federation library fetches remote actors, notes and keys: through Daisy's safe fetcher, like every
// other outgoing request (http(s) only, private addresses refused unless MENTION_ALLOW_PRIVATE_NETWORKS=1, the
// checked address connected to, bounded in time and size). JSON-LD contexts the library knows are never fetched.
import type { DocumentLoader, RemoteDocument } from '@fedify/vocab-runtime'
import { preloadedContexts } from '@fedify/vocab-runtime'
import { FetchError, safeFetch } from '@/lib/http/fetch'

export const ACTIVITY_ACCEPT =
  'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
/** An actor or a note is a few KB; a megabyte is far more than any real one. */
const MAX_DOCUMENT_BYTES = 1024 * 1024

export const safeDocumentLoader: DocumentLoader = async (url): Promise<RemoteDocument> => {
  if (url in preloadedContexts) return { contextUrl: null, documentUrl: url, document: preloadedContexts[url] }
  const response = await safeFetch(url, {
    headers: { accept: ACTIVITY_ACCEPT },
    maxBytes: MAX_DOCUMENT_BYTES,
    // Servers are asked for actors and notes often (every delivery names its sender): no linkback pace here.
    limitPerHost: false,
  })
  if (response.status !== 200) throw new FetchError(`${url} answered ${response.status}`, 'NETWORK')
  if (response.truncated) throw new FetchError(`${url} sent more than ${MAX_DOCUMENT_BYTES} bytes`, 'NETWORK')
  let document: unknown
  try {
    document = JSON.parse(response.body)
  } catch {
    throw new FetchError(`${url} did not answer JSON`, 'NETWORK')
  }
  return { contextUrl: null, documentUrl: response.url, document }
}
