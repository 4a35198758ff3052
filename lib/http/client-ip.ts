// The client's IP address as far as it can be known: Next sets X-Forwarded-For to the socket's address when
// no proxy did, and a reverse proxy in front should overwrite it (see README). Used for rate limits and
// moderation, never for authorization.
export function clientIp(headers: { get(name: string): string | null } | Record<string, string | string[] | undefined>): string {
  const read = (name: string): string | undefined => {
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
    const value = (headers as Record<string, string | string[] | undefined>)[name]
    return Array.isArray(value) ? value[0] : value
  }
  const forwarded = read('x-forwarded-for')?.split(',')[0]?.trim()
  const ip = forwarded || read('x-real-ip')?.trim() || 'unknown'
  // IPv4-mapped IPv6 (::ffff:1.2.3.4) is the same client as 1.2.3.4.
  return ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1').slice(0, 64)
}
