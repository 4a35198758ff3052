// How the federation library fetches remote actors, notes and keys: through Daisy's safe fetcher, like every
// other outgoing request (http(s) only, private addresses refused unless MENTION_ALLOW_PRIVATE_NETWORKS=1, the
// checked address connected to, bounded in time and size). JSON-LD contexts the library knows are never fetched.
import type { DocumentLoader, RemoteDocument } from '@fedify/vocab-runtime'
import { FetchError, preloadedContexts } from '@fedify/vocab-runtime'
import { safeFetch } from '@/lib/http/fetch'

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
