// The inbox's first look at a delivery, before the library checks its signature: a sender that is blocked
// (the account the activity names, or the server whose key signed it) is refused at once with 403, so a blocked
// instance costs the blog neither a key fetch nor a database write.
import 'server-only'
import { blockFor } from './blocks'

const urlIn = (text: string | undefined): string | null => (text && URL.canParse(text) ? text : null)

/** The block that refuses this delivery, or null. `body` is the activity's JSON as sent (already size-capped). */
export async function refusedDelivery(body: string, headers: Headers): Promise<string | null> {
  const named = new Set<string>()
  try {
    const activity = JSON.parse(body) as { actor?: unknown }
    const actor = activity?.actor
    const id = typeof actor === 'string' ? actor : (actor as { id?: unknown } | null)?.id
    const url = typeof id === 'string' ? urlIn(id) : null
    if (url) named.add(url)
  } catch {
    // Not JSON: the library answers that.
  }
  // draft-cavage `Signature: keyId="…"` and RFC 9421 `Signature-Input: sig1=(…);keyid="…"`.
  for (const header of [headers.get('signature'), headers.get('signature-input')]) {
    const keyId = urlIn(/keyid="([^"]{1,2048})"/i.exec(header ?? '')?.[1])
    if (keyId) named.add(keyId.replace(/#.*$/, ''))
  }
  for (const url of named) {
    const block = await blockFor(url)
    if (block) return block.kind === 'DOMAIN' ? `the instance ${block.value} is blocked` : 'the account is blocked'
  }
  return null
}
