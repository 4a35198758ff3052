// The client's address, as Daisy's server settled it (server/front-door.ts): the socket's peer, or what a
// proxy named in TRUST_PROXY forwarded. Client-sent X-Forwarded-For is never read here. Used for rate limits
// and moderation, never for authorization.
import { CLIENT_IP_HEADER } from './names'

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>

let warned = false

export function clientIp(headers: HeaderSource): string {
  const raw =
    typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get(CLIENT_IP_HEADER)
      : (headers as Record<string, string | string[] | undefined>)[CLIENT_IP_HEADER]
  const ip = (Array.isArray(raw) ? raw[0] : raw)?.trim()
  if (ip) return ip.slice(0, 64)
  if (!warned) {
    warned = true
    // `next dev` or a bare `next start`: no front door, so every client shares one address for the limits.
    console.warn(
      'daisy: no client address on the request; serve Daisy with `npm run serve` (server/main.ts) so limits are per client',
    )
  }
  return 'unknown'
}
