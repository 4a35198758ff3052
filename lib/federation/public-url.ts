// An inbox the blog will deliver to must be on the public internet (unless MENTION_ALLOW_PRIVATE_NETWORKS=1):
// an actor document naming http://127.0.0.1:5432/ or a cloud metadata address as its inbox is not followed.
// Checked when the address is learnt; the deliveries themselves are made by the federation library.
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { privateNetworksAllowed } from '@/lib/http/fetch'
import { isPrivateAddress } from '@/lib/http/ip-ranges'

export async function isPublicUrl(raw: string): Promise<boolean> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false
  if (url.username || url.password) return false
  if (privateNetworksAllowed()) return true
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((entry) => entry.address),
        () => [],
      )
  return addresses.length > 0 && !addresses.some(isPrivateAddress)
}
