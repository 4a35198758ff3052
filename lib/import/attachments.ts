// Fetching an imported attachment into the media library: through the safe fetcher (no private addresses
// unless MENTION_ALLOW_PRIVATE_NETWORKS=1), then the same checks and sizes as an upload.
import { FetchError, safeFetch } from '../http/fetch'
import { MEDIA_MAX_BYTES, MediaError, storeImage } from '../media/storage'
import type { AttachmentFetch } from './run'

export async function fetchAttachmentIntoLibrary(url: string, name: string): Promise<AttachmentFetch> {
  try {
    const response = await safeFetch(url, {
      maxBytes: MEDIA_MAX_BYTES + 1,
      totalTimeoutMs: 30_000,
      limitPerHost: false,
      headers: { accept: 'image/*,*/*;q=0.5' },
    })
    if (response.status !== 200) return { ok: false, reason: `the old site answered HTTP ${response.status}` }
    if (response.truncated) return { ok: false, reason: `larger than ${Math.round(MEDIA_MAX_BYTES / 1024 / 1024)} MB` }
    const stored = await storeImage(response.bytes, name)
    return { ok: true, ...stored }
  } catch (error) {
    if (error instanceof FetchError || error instanceof MediaError) return { ok: false, reason: error.message }
    throw error
  }
}
